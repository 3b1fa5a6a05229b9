// Every string the site shows, in both languages. Keys are identical in `en` and
// `zh` (checked by the type below and by strings.test.ts). `{name}` marks a value
// filled in by `t()` / `format()`.
import { format } from './format.ts';
import type { Lang } from './lang.ts';

export { format };

const en = {
  brand: 'Wharf · 码头',
  siteName: 'Wharf',
  tagline: 'Learn Docker by running it',
  metaDescription: 'Bilingual Docker lessons next to a real sandbox: read, type real commands, and check your work.',
  skipToContent: 'Skip to content',
  switchLanguage: 'Read this page in Chinese',
  otherLanguageName: '中文',
  redirecting: 'Opening the English site…',
  redirectLink: 'English',
  pageTitle: '{title} · Wharf',

  homeHeading: 'Learn Docker by running it',
  homeIntro:
    'Every lesson comes with your own sandbox: a real Linux machine with Docker Engine, one click away. Read a little, type the commands yourself, and press Check to see whether you got it right.',
  homeFeatureSandbox: 'A real shell in your browser — nothing to install',
  homeFeatureCheck: 'Exercises that look at what is really running',
  homeFeatureProgress: 'Your progress is saved as you go',
  lessonsHeading: 'Lessons',
  lessonNumber: 'Lesson {n}',
  exerciseCount: '{n} exercises',
  startLesson: 'Start lesson',
  noLessons: 'No lessons yet.',
  allLessons: 'All lessons',

  exercisesHeading: 'Exercises',
  progressSummary: '{done} of {total} done',
  exerciseNumber: 'Exercise {n}',
  check: 'Check',
  checking: 'Checking…',
  setUp: 'Set up',
  settingUp: 'Setting up…',
  showSolution: 'Show solution',
  passedOn: 'Passed {date}',
  networkError: 'Could not reach Wharf. Check your connection and try again.',
  unexpectedResponse: 'Wharf sent a reply this page does not understand. Please try again.',

  terminalLabel: 'Terminal',
  phaseClaiming: 'Finding your sandbox…',
  phaseStartingEngine: 'Starting Docker Engine…',
  phaseReady: 'Sandbox ready',
  stepOf: 'Step {n} of {total}',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  reconnected: '— reconnected —',
  sandboxLost: 'Your sandbox stopped unexpectedly. Your progress is saved.',
  startFreshSandbox: 'Start a fresh sandbox',
  unavailableFallback: 'No sandbox is available right now.',
  retry: 'Try again',
  shellExited: 'The shell has exited.',
  startNewShell: 'Start a new shell',
  resetSandbox: 'Reset sandbox',
  resetSandboxConfirm:
    'Throw this sandbox away and start a fresh one? Its containers, images and files will be gone. Your progress is kept.',
  sessionExpired: 'Your session has expired. Reload the page to continue.',

  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  copyLabel: 'Copy this code',
  run: 'Run in terminal',
  runLabel: 'Run these commands in the terminal',
  runSent: 'Sent',
  terminalNotConnected: 'Terminal not connected',

  resizePanes: 'Resize the lesson and terminal panes',
  footerNote: 'Wharf — a place to practise Docker.',
} as const satisfies Record<string, string>;

const zh = {
  brand: 'Wharf · 码头',
  siteName: '码头 Wharf',
  tagline: '动手跑起来，学会 Docker',
  metaDescription: '中英双语的 Docker 课程，旁边就是一台真实的沙盒：边读边敲命令，随时检查自己做得对不对。',
  skipToContent: '跳到正文',
  switchLanguage: '切换到英文版',
  otherLanguageName: 'English',
  redirecting: '正在打开中文版…',
  redirectLink: '中文',
  pageTitle: '{title} · 码头 Wharf',

  homeHeading: '动手跑起来，学会 Docker',
  homeIntro:
    '每节课都配有一台属于你的沙盒：装好 Docker Engine 的真实 Linux 环境，打开页面就能用。读一小段，亲手敲命令，再点「检查」看看自己做对了没有。',
  homeFeatureSandbox: '浏览器里就是真实的终端，什么都不用装',
  homeFeatureCheck: '练习会检查沙盒里真正在运行的东西',
  homeFeatureProgress: '学习进度随时自动保存',
  lessonsHeading: '课程',
  lessonNumber: '第 {n} 课',
  exerciseCount: '{n} 个练习',
  startLesson: '开始学习',
  noLessons: '还没有课程。',
  allLessons: '全部课程',

  exercisesHeading: '练习',
  progressSummary: '已完成 {done}/{total}',
  exerciseNumber: '练习 {n}',
  check: '检查',
  checking: '检查中…',
  setUp: '准备环境',
  settingUp: '准备中…',
  showSolution: '查看参考答案',
  passedOn: '{date} 已通过',
  networkError: '连不上码头的服务器。请检查网络后再试一次。',
  unexpectedResponse: '服务器返回了页面无法识别的内容，请再试一次。',

  terminalLabel: '终端',
  phaseClaiming: '正在为你分配沙盒…',
  phaseStartingEngine: '正在启动 Docker Engine…',
  phaseReady: '沙盒已就绪',
  stepOf: '第 {n} 步，共 {total} 步',
  connecting: '正在连接…',
  reconnecting: '正在重新连接…',
  reconnected: '— 已重新连接 —',
  sandboxLost: '你的沙盒意外停止了。学习进度已经保存。',
  startFreshSandbox: '换一台新沙盒',
  unavailableFallback: '暂时没有可用的沙盒。',
  retry: '重试',
  shellExited: 'Shell 已退出。',
  startNewShell: '重新打开 Shell',
  resetSandbox: '重置沙盒',
  resetSandboxConfirm: '要丢掉这台沙盒、换一台新的吗？里面的容器、镜像和文件都会消失，学习进度会保留。',
  sessionExpired: '会话已过期，请刷新页面后继续。',

  copy: '复制',
  copied: '已复制',
  copyFailed: '复制失败',
  copyLabel: '复制这段代码',
  run: '在终端运行',
  runLabel: '在终端里运行这些命令',
  runSent: '已发送',
  terminalNotConnected: '终端未连接',

  resizePanes: '调整课程和终端两栏的宽度',
  footerNote: '码头 Wharf —— 练习 Docker 的地方。',
} as const satisfies Record<keyof typeof en, string>;

export const strings = { en, zh } as const satisfies Record<Lang, Record<keyof typeof en, string>>;

export type StringKey = keyof typeof en;
export type Strings = Record<StringKey, string>;

/**
 * Values that are deliberately not Chinese in `zh` (a language's own name, shown
 * to readers of the other language). strings.test.ts allows exactly these.
 */
export const NON_CJK_ZH_KEYS: readonly StringKey[] = ['otherLanguageName'];

/** The string `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function t(lang: Lang, key: StringKey, vars?: Record<string, string | number>): string {
  return format(strings[lang][key], vars);
}
