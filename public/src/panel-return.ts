/**
 * The panel-return page's link: the wave's redirect (the panel's completion link) as a link under "Taking you back to
 * the survey panel…". The page follows the redirect at once, but a panel that is slow or down, or a browser that
 * holds the navigation back, left the respondent on that sentence with no way to go back themselves, and without
 * the panel's completion code a respondent goes unpaid. Only a web address becomes a link (never `javascript:`);
 * any other yields null.
 */
export function panelReturnLink(redirectUrl: string, text: string): HTMLParagraphElement | null {
  let url: URL;
  try {
    url = new URL(redirectUrl, window.location.href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const paragraph = document.createElement('p');
  paragraph.className = 'vlab-message__action';
  const link = document.createElement('a');
  link.href = url.href;
  link.textContent = text;
  paragraph.append(link);
  return paragraph;
}
