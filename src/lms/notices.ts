/**
 * What the learner is told about the LMS connection: a note over the scene's art (never over the controls),
 * each message at most once, which the learner can dismiss. Problems are also logged to the console with the LMS's own error text, for
 * whoever supports the course; quiet ones (an LMS leaving out an optional element) are only logged.
 */

export const NOTICE_TEXT = {
  standalone:
    'No learning management system (LMS) was found, so this course is running on its own: your progress is kept in this browser only and nothing is reported. Open the course from your LMS to get credit for it.',
  initFailed:
    'Your learning management system (LMS) did not accept the connection, so this course is running on its own: your progress is kept in this browser only and nothing is reported.',
  problem:
    'Your learning management system (LMS) reported a problem, so some of your progress may not have been recorded there. You can keep going; if this happens again, tell whoever runs your course.',
  unreadable:
    'Your saved place in this course could not be read, so it starts from the beginning. Results the LMS already has are kept there.',
  changed:
    'This course has been updated since your last visit, and some earlier work was made with the old version: the LMS keeps those results, but they cannot be shown here.',
  stopped:
    'This page was reopened after it had stopped reporting to your learning management system (LMS). Close it and open the course from the LMS again to keep recording your progress.',
} as const;

export type NoticeKind = keyof typeof NOTICE_TEXT;

export class LmsNotices {
  private readonly shown = new Set<NoticeKind>();

  constructor(private readonly doc: Document | undefined) {}

  /** The notices shown so far, in order. */
  get kinds(): NoticeKind[] {
    return [...this.shown];
  }

  show(kind: NoticeKind): void {
    if (this.shown.has(kind)) return;
    this.shown.add(kind);
    this.render(kind, NOTICE_TEXT[kind]);
  }

  /** Logs an LMS problem; the first one that is not quiet is also shown. */
  problem(message: string, quiet: boolean): void {
    if (quiet) {
      console.info(`Good Terms LMS: ${message}`);
      return;
    }
    console.error(`Good Terms LMS: ${message}`);
    this.show('problem');
  }

  private render(kind: NoticeKind, text: string): void {
    const doc = this.doc;
    const host = doc?.getElementById('stage') ?? doc?.body;
    if (!doc || !host) return;
    const bar = doc.createElement('div');
    bar.className = 'lms-notice';
    bar.setAttribute('role', 'status');
    bar.dataset.notice = kind;
    const message = doc.createElement('p');
    message.textContent = text;
    const dismiss = doc.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'btn btn--ghost btn--small';
    dismiss.textContent = 'Dismiss';
    dismiss.addEventListener('click', () => bar.remove());
    bar.append(message, dismiss);
    host.append(bar);
  }
}
