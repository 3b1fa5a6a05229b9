[ -f ~/.bashrc ] && . ~/.bashrc
[ -f /usr/share/bash-completion/bash_completion ] && . /usr/share/bash-completion/bash_completion
PS1='\u@wharf:\w# '
cd /root
cat /etc/motd
