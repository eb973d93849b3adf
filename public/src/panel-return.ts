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

/**
 * The redirect's completion code (Prolific's `cc` parameter) as a line under the panel's link: "Your completion code,
 * if the panel asks for it: ABC123". Prolific lets a participant type the code when its link does not take them back
 * (the panel down, the survey opened in an app that drops the link), and the code was in the link alone until page
 * pass 41. The code is one element that a tap or double click selects whole (`user-select: all`), kept from the
 * browser's translation and read left to right on a right-to-left page. Null when the redirect carries no code.
 */
export function completionCodeLine(redirectUrl: string, label: string): HTMLParagraphElement | null {
  let code: string | null;
  try {
    code = new URL(redirectUrl, window.location.href).searchParams.get('cc');
  } catch {
    return null;
  }
  if (!code?.trim()) return null;
  const paragraph = document.createElement('p');
  paragraph.className = 'vlab-message__action';
  const value = document.createElement('span');
  value.className = 'vlab-message__code';
  value.translate = false;
  value.dir = 'ltr';
  value.textContent = code;
  paragraph.append(`${label} `, value);
  return paragraph;
}
