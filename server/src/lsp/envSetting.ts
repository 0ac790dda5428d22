/** A duration in ms from an environment variable (the tests shorten the worker's waits): `fallback` unless one. */
export function millisecondsSetting(setting: string | undefined, fallback: number): number {
  const value = Number(setting);
  return setting !== undefined && setting !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
}
