import type { RespondentMessages } from './i18n/messages.ts';

/**
 * How many seconds before the lease lapses the warning comes: 2 minutes, or half of what is left when that is under
 * 4 minutes (a short lease, or a resume late in one), so there is always time to read it and answer.
 */
export const warningLeadSeconds = (secondsLeft: number): number => Math.min(120, secondsLeft / 2);

/**
 * setTimeout runs a delay over 2^31 − 1 ms (24.8 days) at once; VLAB_QUOTA_LEASE_SECONDS allows 30 days. A longer
 * wait is taken in steps of at most this.
 */
export const timerStepMs = (msUntil: number): number => Math.max(0, Math.min(msUntil, 2 ** 31 - 1));

export interface LeaseWarningOptions {
  messages: RespondentMessages;
  /** The respondent asked to keep their place: renew the lease (a save). Called only on their action. */
  onKeep: () => void;
}

/** The dialog: its heading names it, its sentence describes it, its one button keeps the respondent's place. */
function buildDialog(messages: RespondentMessages, minutes: number, keep: () => void): HTMLDialogElement {
  const dialog = document.createElement('dialog');
  dialog.className = 'vlab-lease-warning';
  dialog.setAttribute('role', 'alertdialog');
  dialog.setAttribute('aria-labelledby', 'vlab-lease-warning-title');
  dialog.setAttribute('aria-describedby', 'vlab-lease-warning-text');
  const title = document.createElement('h2');
  title.id = 'vlab-lease-warning-title';
  title.textContent = messages.leaseWarningTitle;
  const text = document.createElement('p');
  text.id = 'vlab-lease-warning-text';
  text.textContent = messages.leaseWarningText(minutes);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'vlab-lease-warning__keep';
  button.textContent = messages.leaseWarningKeep;
  button.addEventListener('click', keep);
  // Escape answers the question too: whoever pressed it is still there.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    keep();
  });
  // The button sits in a bar of its own, which stays at the dialog's foot while a long text scrolls (respondent.css).
  const actions = document.createElement('div');
  actions.className = 'vlab-lease-warning__actions';
  actions.append(button);
  dialog.append(title, text, actions);
  return dialog;
}

/**
 * WCAG 2.2.1 (Timing Adjustable) for the quota lease (docs/respondent-page.md): every server answer says how long the
 * participant's lease has left, and `warningLeadSeconds` before it lapses a modal alertdialog asks "Are you still
 * there?". Its button (or Escape) closes it, gives focus back to where it was, and renews the lease through
 * `onKeep`; nothing renews it without the respondent. showModal() moves focus to the button and keeps Tab inside.
 */
export function createLeaseWarning({ messages, onKeep }: LeaseWarningOptions) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dialog: HTMLDialogElement | null = null;
  let returnFocus: HTMLElement | null = null;

  const cancelTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  function close(): void {
    if (!dialog) return;
    dialog.close();
    dialog.remove();
    dialog = null;
    if (returnFocus?.isConnected) returnFocus.focus();
    returnFocus = null;
  }
  function show(lead: number): void {
    returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog = buildDialog(messages, Math.max(1, Math.ceil(lead / 60)), keep);
    document.body.append(dialog);
    dialog.showModal();
  }
  function keep(): void {
    close();
    onKeep();
  }

  return {
    /** A server answer said the lease has `secondsLeft` (null: none held): the warning is set for it, and a renewed lease closes an open one. */
    schedule(secondsLeft: number | null): void {
      cancelTimer();
      close();
      if (secondsLeft === null) return;
      const lead = warningLeadSeconds(secondsLeft);
      const warnAt = Date.now() + (secondsLeft - lead) * 1000;
      const wait = () => {
        timer = Date.now() >= warnAt ? null : setTimeout(wait, timerStepMs(warnAt - Date.now()));
        if (timer === null) show(lead);
      };
      wait();
    },
    /** The survey ended or was left: no more warnings. */
    stop(): void {
      cancelTimer();
      close();
    },
  };
}
