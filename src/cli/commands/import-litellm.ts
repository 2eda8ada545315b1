/** Placeholder replaced below. */
export async function importCommand(_argv: string[]): Promise<number> {
  return 1;
}
