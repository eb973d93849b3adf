/**
 * A study of the definitions folder that cannot be used as it stands: its files do not validate, or it
 * changes what respondents of an existing wave saw without a new `version`. It is listed with the message
 * (study list, `GET /api/researcher/studies`) and takes no new wave, nor reopens one, until fixed; the other
 * studies work as usual.
 */
export interface BrokenStudy {
  /** The study id, or the folder (file) name when the file is too broken to say. */
  id: string;
  /** What to fix, naming the file and field (or the wave that holds the version). */
  message: string;
}
