import { SwitchyardError } from "../src/errors.ts";

/**
 * A database file whose stored format this build cannot read: written by a newer switchyard, or not a
 * switchyard checkpoint file at all.
 *
 * @example
 * try { openSqliteSaver("state.db") } catch (error) {
 *   if (error instanceof CheckpointFormatError) console.error(error.foundVersion, error.supportedVersion);
 * }
 */
export class CheckpointFormatError extends SwitchyardError {
  readonly file: string;
  readonly foundVersion: number;
  readonly supportedVersion: number;

  constructor(file: string, foundVersion: number, supportedVersion: number) {
    super(
      "checkpoint_format",
      `${file} holds switchyard checkpoint format ${foundVersion}, but this build reads formats up to ${supportedVersion}. ` +
        `It was written by a newer switchyard: upgrade switchyard to open it, or point the saver/store at another file ` +
        `(the file was left untouched).`,
    );
    this.file = file;
    this.foundVersion = foundVersion;
    this.supportedVersion = supportedVersion;
  }
}
