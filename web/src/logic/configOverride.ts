// The scoring preview's configuration override (POST /cycles/:year/scoring/preview {config}): the
// server replaces whole top-level fields of the stored configuration, so a changed nested figure
// (e.g. grades.good) is sent with its siblings from the stored configuration. Unchanged fields are
// left out, so an empty override means "preview with the stored configuration".

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** Drops blank leaves (an emptied field takes the stored value) and objects left empty. */
function withoutBlanks(value: Json): Json {
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    if (isBlank(item)) continue;
    if (isObject(item)) {
      const inner = withoutBlanks(item);
      if (Object.keys(inner).length) out[key] = inner;
    } else out[key] = item;
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function configOverride(stored: Json, edited: Json): Json {
  const override: Json = {};
  for (const [key, value] of Object.entries(withoutBlanks(edited))) {
    const base = stored[key];
    const merged = isObject(value) && isObject(base) ? { ...base, ...value } : value;
    if (!sameValue(merged, base)) override[key] = merged;
  }
  return override;
}
