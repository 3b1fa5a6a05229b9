// Every message the server shows a learner, in both languages.
import type { Lang, Localized } from '../../lessons/types.ts';

export const messages = {
  unauthorized: {
    en: 'Your session is missing or invalid. Reload the page to start a new one.',
    zh: '会话不存在或已失效。请刷新页面，重新开始一个会话。',
  },
  notFound: { en: 'Nothing here: check the address.', zh: '这里什么都没有，请检查地址。' },
  unknownLesson: { en: 'There is no lesson with this id.', zh: '没有这个编号的课程。' },
  unknownExercise: { en: 'This lesson has no exercise with this id.', zh: '这节课里没有这个编号的练习。' },
  badRequest: { en: 'The request could not be read: send JSON such as {"lang":"en"}.', zh: '无法解析请求：请发送 JSON，例如 {"lang":"zh"}。' },
  tooLarge: { en: 'The request is too large.', zh: '请求内容太大了。' },
  methodNotAllowed: { en: 'This address does not accept that method.', zh: '这个地址不支持该请求方法。' },
  noSandbox: {
    en: 'Your sandbox is not running yet. Wait for the terminal to show a prompt, then check again.',
    zh: '你的沙盒还没有运行。等终端出现提示符后再检查。',
  },
  checkTimedOut: {
    en: 'The check did not finish in time: something in your sandbox is not answering (is the docker command or the engine stuck?). Try again in a moment.',
    zh: '检查没有在规定时间内完成：沙盒里有东西没有响应（docker 命令或引擎是否卡住了？）。请稍后再试。',
  },
  checkFailed: {
    en: 'The check could not run in your sandbox. Try again; if it keeps failing, start a fresh sandbox.',
    zh: '检查无法在你的沙盒里运行。请再试一次；如果一直失败，就换一个新的沙盒。',
  },
  setupDone: { en: 'Set up done: the exercise is ready.', zh: '环境已准备好，可以开始练习了。' },
  setupFailed: {
    en: 'The set-up could not prepare your sandbox. Try again in a moment.',
    zh: '无法为你的沙盒准备环境，请稍后再试。',
  },
  noSetup: { en: 'This exercise needs no set-up.', zh: '这个练习不需要准备环境。' },
  sandboxLost: {
    en: 'Your sandbox stopped unexpectedly. Your progress is saved; start a fresh sandbox to continue.',
    zh: '你的沙盒意外停止了。学习进度已保存；开一个新的沙盒就能继续。',
  },
  capacity: {
    en: 'All sandboxes are in use right now. Try again in a few minutes.',
    zh: '现在所有沙盒都在使用中，请过几分钟再试。',
  },
  unavailable: {
    en: 'The sandbox service is unavailable right now. Try again in a moment.',
    zh: '沙盒服务暂时不可用，请稍后再试。',
  },
  phaseClaiming: { en: 'Finding your sandbox…', zh: '正在找到你的沙盒…' },
  phaseStartingEngine: { en: 'Starting Docker Engine…', zh: '正在启动 Docker 引擎…' },
  phaseReady: { en: 'Sandbox ready.', zh: '沙盒已就绪。' },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof messages;

export function message(key: MessageKey, lang: Lang): string {
  return messages[key][lang];
}

export function parseLang(value: unknown): Lang {
  return typeof value === 'string' && value.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
