/**
 * The survey's answers as the server is to store them. When a text box is emptied, every box of a checkbox
 * unticked or a dropdown cleared, SurveyJS drops the question from `survey.data`; the server merges each save over
 * the saved answers (a resume on another device starts with empty fields and must not wipe them), so a question
 * dropped here is sent as `null`, which takes it back (server/domain/cleared-answers.ts). Known: every question
 * answered when the page started or since.
 */
export function createAnswersToSend(startAnswers: Record<string, unknown>): (data: Record<string, unknown>) => Record<string, unknown> {
  const known = new Set(Object.keys(startAnswers));
  return (data) => {
    for (const name of Object.keys(data)) known.add(name);
    let withCleared: Record<string, unknown> | null = null;
    for (const name of known) {
      if (Object.hasOwn(data, name)) continue;
      withCleared ??= { ...data };
      withCleared[name] = null;
    }
    return withCleared ?? data;
  };
}
