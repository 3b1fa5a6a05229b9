// "Your first container": run, list, logs, detached vs interactive, stop, remove.
// Every check reads engine state through `docker inspect`/`logs`/`diff` run in the
// learner's sandbox and judged here, outside it.
import { fail, inspect, pass, type Exercise, type Lesson, type SandboxAccess } from '../types.ts';

const GREETING = 'Hello, Wharf!';

async function logs(sandbox: SandboxAccess, name: string): Promise<string> {
  const result = await sandbox.exec(['docker', 'logs', '--', name]);
  return result.stdout + result.stderr;
}

/** busybox, busybox:latest or docker.io/library/busybox: all the same image for a learner. */
function isBusybox(image: string): boolean {
  return /^(docker\.io\/)?(library\/)?busybox(:latest)?$/.test(image);
}

const greeter: Exercise = {
  id: 'greeter',
  title: { en: 'Say hello', zh: '打个招呼' },
  task: {
    en: `Run a container named greeter from the busybox image that prints "${GREETING}" and exits.`,
    zh: `用 busybox 镜像运行一个名为 greeter 的容器，让它输出 "${GREETING}" 后退出。`,
  },
  solution: [`docker run --name greeter busybox echo "${GREETING}"`],
  async check({ sandbox }) {
    const container = await inspect(sandbox, 'container', 'greeter');
    if (!container) {
      return fail(
        'No container named greeter exists yet. Give it a name with --name greeter when you docker run it.',
        '还没有名为 greeter 的容器。运行 docker run 时加上 --name greeter 给它起名。',
      );
    }
    const image: string = container.Config?.Image ?? '';
    if (!isBusybox(image)) {
      return fail(
        `The container greeter was made from the image "${image}", not busybox. Remove it with docker rm -f greeter and run it again from busybox.`,
        `容器 greeter 用的镜像是 "${image}"，不是 busybox。先用 docker rm -f greeter 删掉，再用 busybox 重新运行。`,
      );
    }
    if (container.State?.Running) {
      return fail(
        'The container greeter is still running. It should print its greeting and exit: give it a command such as echo instead of a shell.',
        '容器 greeter 还在运行。它应该输出问候语后就退出：给它一个像 echo 这样的命令，而不是交互式 shell。',
      );
    }
    const output = await logs(sandbox, 'greeter');
    if (!output.includes(GREETING)) {
      const seen = output.trim().split('\n').slice(-1)[0] ?? '';
      return fail(
        seen
          ? `greeter printed "${seen.slice(0, 80)}", not "${GREETING}". Remove it (docker rm greeter) and run it again with the exact text.`
          : `greeter printed nothing. Add the command after the image name: busybox echo "${GREETING}".`,
        seen
          ? `greeter 输出的是 "${seen.slice(0, 80)}"，而不是 "${GREETING}"。先 docker rm greeter，再用一字不差的文字重新运行。`
          : `greeter 什么也没输出。在镜像名后面写上要执行的命令：busybox echo "${GREETING}"。`,
      );
    }
    const exitCode: number = container.State?.ExitCode ?? -1;
    if (exitCode !== 0) {
      return fail(
        `greeter printed the greeting but exited with code ${exitCode}. Its command should succeed (exit code 0).`,
        `greeter 输出了问候语，但退出码是 ${exitCode}。命令应当成功结束（退出码 0）。`,
      );
    }
    return pass(
      'greeter ran, said hello and exited with code 0. docker ps -a still lists it.',
      'greeter 运行了，打了招呼并以退出码 0 结束。用 docker ps -a 还能看到它。',
    );
  },
};

const ticker: Exercise = {
  id: 'ticker',
  title: { en: 'Keep it running in the background', zh: '让它在后台运行' },
  task: {
    en: 'Start a container named ticker from busybox in detached mode that prints the date every second, and leave it running.',
    zh: '用 busybox 以后台（detached）模式启动一个名为 ticker 的容器，每秒输出一次日期，并让它一直运行。',
  },
  solution: [`docker run -d --name ticker busybox sh -c 'while true; do date; sleep 1; done'`],
  async check({ sandbox }) {
    const container = await inspect(sandbox, 'container', 'ticker');
    if (!container) {
      return fail(
        'No container named ticker exists. Start one with docker run -d --name ticker busybox followed by a command that loops.',
        '没有名为 ticker 的容器。用 docker run -d --name ticker busybox 再加一个循环的命令来启动它。',
      );
    }
    if (!container.State?.Running) {
      return fail(
        `A container named ticker exists but it is ${container.State?.Status ?? 'not running'} (exit code ${container.State?.ExitCode}). Its command must keep running: remove it with docker rm ticker and start it with a loop such as while true; do date; sleep 1; done.`,
        `名为 ticker 的容器存在，但状态是 ${container.State?.Status ?? '未运行'}（退出码 ${container.State?.ExitCode}）。它的命令必须一直运行：先 docker rm ticker，再用 while true; do date; sleep 1; done 这样的循环重新启动。`,
      );
    }
    if (container.Config?.AttachStdout || container.Config?.Tty) {
      return fail(
        'ticker is running, but it was started attached to your terminal, not in the background. Remove it (docker rm -f ticker) and start it again with -d.',
        'ticker 在运行，但它是连着你的终端启动的，而不是在后台。先 docker rm -f ticker，再加上 -d 重新启动。',
      );
    }
    const lines = (await logs(sandbox, 'ticker')).split('\n').filter((line) => line.trim() !== '');
    if (lines.length < 2) {
      return fail(
        `ticker is running in the background but has printed ${lines.length} line(s) so far. It should print the date every second: wait a moment and check again, or give it a loop that runs date repeatedly.`,
        `ticker 在后台运行，但目前只输出了 ${lines.length} 行。它应该每秒输出一次日期：稍等一下再检查，或者给它一个反复执行 date 的循环。`,
      );
    }
    return pass(
      `ticker is running in the background and has printed ${lines.length} lines. Follow them with docker logs -f ticker (Ctrl-C stops following, not the container).`,
      `ticker 正在后台运行，已经输出了 ${lines.length} 行。用 docker logs -f ticker 持续查看（按 Ctrl-C 只会停止查看，不会停掉容器）。`,
    );
  },
};

const oldTimer: Exercise = {
  id: 'old-timer',
  title: { en: 'Stop and remove', zh: '停止并删除' },
  task: {
    en: 'Press Set up to start a container named old-timer. Then stop it and remove it.',
    zh: '先点「准备环境」启动一个名为 old-timer 的容器，然后把它停止并删除。',
  },
  solution: ['docker stop old-timer', 'docker rm old-timer'],
  async setup(sandbox) {
    // A left-over from an earlier attempt would make the name clash.
    await sandbox.exec(['docker', 'rm', '-f', 'old-timer']);
    const run = await sandbox.exec(['docker', 'run', '-d', '--name', 'old-timer', 'busybox', 'sleep', '86400']);
    if (run.exitCode !== 0) throw new Error(`docker run failed: ${run.stderr.trim()}`);
    return { containerId: run.stdout.trim() };
  },
  async check({ sandbox, recorded }) {
    const id = recorded.containerId;
    if (!id) {
      return fail(
        'This exercise has not been set up yet: press Set up first, it starts the container old-timer.',
        '这个练习还没准备好：请先点「准备环境」，它会启动 old-timer 容器。',
      );
    }
    // By id, not by name: a new container called old-timer is not the one set up.
    const container = await inspect(sandbox, 'container', id);
    if (container?.State?.Running) {
      return fail(
        'old-timer is still running. Stop it first with docker stop old-timer.',
        'old-timer 还在运行。先用 docker stop old-timer 把它停下来。',
      );
    }
    if (container) {
      const name = String(container.Name ?? '').replace(/^\//, '');
      return fail(
        `old-timer is stopped (${container.State?.Status}) but still exists as "${name}": docker ps -a lists it. Remove it with docker rm ${name}.`,
        `old-timer 已经停止（${container.State?.Status}），但它还以 "${name}" 的名字存在：docker ps -a 能看到。用 docker rm ${name} 删除它。`,
      );
    }
    return pass(
      'The container that Set up started is gone: stopped and removed.',
      '「准备环境」启动的那个容器已经不在了：停止并删除成功。',
    );
  },
};

const explorer: Exercise = {
  id: 'explorer',
  title: { en: 'Step inside', zh: '走进容器' },
  task: {
    en: 'Run an interactive container (-it) named explorer from busybox, create the file /root/notes.txt inside it, then leave with exit.',
    zh: '用 busybox 运行一个名为 explorer 的交互式容器（-it），在里面创建文件 /root/notes.txt，然后用 exit 退出。',
  },
  solution: ['docker run -it --name explorer busybox sh', 'echo "my notes" > /root/notes.txt', 'exit'],
  async check({ sandbox }) {
    const container = await inspect(sandbox, 'container', 'explorer');
    if (!container) {
      return fail(
        'No container named explorer exists. Start it with docker run -it --name explorer busybox sh (and do not add --rm: the check looks at what the container changed).',
        '没有名为 explorer 的容器。用 docker run -it --name explorer busybox sh 启动它（不要加 --rm：检查要看容器里改了什么）。',
      );
    }
    const tty = Boolean(container.Config?.Tty);
    const stdin = Boolean(container.Config?.OpenStdin);
    if (!tty || !stdin) {
      const missing = [!stdin ? '-i' : '', !tty ? '-t' : ''].filter(Boolean).join(' ');
      return fail(
        `explorer was not started interactively: it lacks ${missing}. Remove it (docker rm -f explorer) and run it again with -it.`,
        `explorer 不是以交互方式启动的：缺少 ${missing}。先 docker rm -f explorer，再加上 -it 重新运行。`,
      );
    }
    const diff = await sandbox.exec(['docker', 'diff', 'explorer']);
    const changed = diff.stdout.split('\n').some((line) => /^[AC] \/root\/notes\.txt$/.test(line.trim()));
    if (!changed) {
      return fail(
        'explorer has no file /root/notes.txt (docker diff explorer does not list it). Start it again with docker start -ai explorer and create the file, for example with echo hi > /root/notes.txt.',
        'explorer 里没有 /root/notes.txt（docker diff explorer 里看不到它）。用 docker start -ai explorer 重新进入，再创建这个文件，例如 echo hi > /root/notes.txt。',
      );
    }
    return pass(
      'explorer was run with -it and its filesystem now holds /root/notes.txt: docker diff explorer shows it.',
      'explorer 是用 -it 运行的，它的文件系统里已有 /root/notes.txt：docker diff explorer 可以看到。',
    );
  },
};

export const firstContainer: Lesson = {
  id: 'first-container',
  order: 1,
  exercises: [greeter, ticker, oldTimer, explorer],
};
