/**
 * `count` texts of 1–40 random UTF-16 units, mostly below U+3000 (Latin, Cyrillic, Greek, Arabic, combining marks,
 * punctuation) and a tenth from anywhere in the Basic Multilingual Plane, lone surrogate halves included; the same
 * texts for the same seed. For comparing a fast path over UTF-16 units with the Unicode expression it replaces.
 */
export function randomTexts(count: number, seed: number): string[] {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, () => {
    const units = Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
      random() < 0.9 ? Math.floor(random() * 0x3000) : Math.floor(random() * 0x10000),
    );
    return String.fromCharCode(...units);
  });
}
