/**
 * A text or comment box stops at its limit (its definition's `maxLength`, else the 5,000 characters the server
 * takes): what is typed or pasted past it is dropped. The counter that says so ("20/20") shows only while the box
 * has focus and is not linked to it, so a screen-reader user typing on lost the extra characters unwarned. When a
 * box's text reaches its limit, `say` (the page's polite live region) says so once; only after the text drops
 * below the limit and reaches it again is it said again, never on every keystroke at the limit.
 */
export function announceTextLimits(root: HTMLElement, say: (text: string) => void, reached: (max: number) => string): void {
  const atLimit = new WeakSet<EventTarget>();
  root.addEventListener('input', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement || box instanceof HTMLTextAreaElement) || box.maxLength <= 0) return;
    if (box.value.length < box.maxLength) {
      atLimit.delete(box);
      return;
    }
    if (atLimit.has(box)) return;
    atLimit.add(box);
    say(reached(box.maxLength));
  });
}
