/**
 * Which character encoding a text file (CSV, JSON) is in — pure, bytes in, a name out.
 *
 * chiso reads text files as UTF-8 only. Vietnamese offices still have files saved in two older
 * encodings, and decoding them as UTF-8 would store "�" in place of every accented letter:
 * - Windows-1258 (Excel's "CSV" on a Vietnamese Windows): Latin-1 plus ă â đ ê ô ơ ư, with tones
 *   mostly written as a separate combining byte after the vowel (0xCC grave, 0xEC acute,
 *   0xDE tilde, 0xD2 hook above, 0xF2 dot below); đ is 0xF0.
 * - TCVN3 (TCVN 5712:1993, the ".VnTime" fonts of the ABC keyboard): every lowercase vowel with
 *   its tone is one byte in 0xA8–0xFE (á 0xB8, ư 0xAD, đ 0xAE, ộ 0xE9…). The table below is the
 *   VN1 variant, a superset that also places some capitals in 0x80–0x9F and 0xAF–0xFF.
 *
 * A file that is not valid UTF-8 is decoded with each legacy table and the one whose words look
 * like Vietnamese syllables (letters of the Vietnamese alphabet, at most one tone mark, no stray
 * marks) wins. The caller refuses the file naming the encoding; nothing here guesses silently.
 */

export type TextEncoding = 'utf-8' | 'utf-16' | 'windows-1258' | 'tcvn3' | 'unknown';

/** What people call each encoding, for messages. */
export const textEncodingNames: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16': 'UTF-16 (Unicode)',
  'windows-1258': 'Windows-1258',
  tcvn3: 'TCVN3 (ABC, phông .VnTime)',
  unknown: 'không rõ',
};

/** Bytes 0x80–0xFF; U+FFFD where the code page defines nothing. */
const WINDOWS_1258_HIGH =
  '\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\uFFFD\u2039\u0152\uFFFD\uFFFD\uFFFD' +
  '\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\uFFFD\u203A\u0153\uFFFD\uFFFD\u0178' +
  '\u00A0\u00A1\u00A2\u00A3\u00A4\u00A5\u00A6\u00A7\u00A8\u00A9\u00AA\u00AB\u00AC\u00AD\u00AE\u00AF' +
  '\u00B0\u00B1\u00B2\u00B3\u00B4\u00B5\u00B6\u00B7\u00B8\u00B9\u00BA\u00BB\u00BC\u00BD\u00BE\u00BF' +
  '\u00C0\u00C1\u00C2\u0102\u00C4\u00C5\u00C6\u00C7\u00C8\u00C9\u00CA\u00CB\u0300\u00CD\u00CE\u00CF' +
  '\u0110\u00D1\u0309\u00D3\u00D4\u01A0\u00D6\u00D7\u00D8\u00D9\u00DA\u00DB\u00DC\u01AF\u0303\u00DF' +
  '\u00E0\u00E1\u00E2\u0103\u00E4\u00E5\u00E6\u00E7\u00E8\u00E9\u00EA\u00EB\u0301\u00ED\u00EE\u00EF' +
  '\u0111\u00F1\u0323\u00F3\u00F4\u01A1\u00F6\u00F7\u00F8\u00F9\u00FA\u00FB\u00FC\u01B0\u20AB\u00FF';

const TCVN3_HIGH =
  'ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ' +
  'ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ' +
  '\u00A0ĂÂÊÔƠƯĐăâêôơưđẰ' +
  '\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ' +
  'ẮẦẨẪẤỀặầẩẫấậèỂẻẽ' +
  'éẹềểễếệìỉỄẾỒĩíịò' +
  'ỔỏõóọồổỗốộờởỡớợùỖ' +
  'ủũúụừửữứựỳỷỹýỵỐ';

const BOM_UTF8 = [0xef, 0xbb, 0xbf];

/** Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return false;
    if (i + need >= bytes.length) return false;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

function decodeWith(bytes: Uint8Array, high: string): string {
  let out = '';
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : high[b - 0x80];
  return out.normalize('NFC');
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
/**
 * One syllable, tones removed: an initial consonant (or none), one to three vowels, a final
 * consonant (or none). Loose on purpose (it accepts some non-words); it only has to tell text
 * decoded with the right table from the letter soup of the wrong one.
 */
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(ng|nh|ch|[cmnpt])?$/;

/** A word of the decoded text could be a Vietnamese syllable: at most one tone, the shape above. */
function looksVietnamese(word: string): boolean {
  const decomposed = word.toLowerCase().normalize('NFD');
  const tones = decomposed.match(TONES)?.length ?? 0;
  return tones <= 1 && SYLLABLE.test(decomposed.replace(TONES, '').normalize('NFC'));
}

/** Share of words with a letter outside ASCII that read as Vietnamese (0 when there are none). */
function vietnameseScore(text: string): { words: number; score: number } {
  let words = 0;
  let good = 0;
  for (const word of text.match(/[\p{L}\p{M}]+/gu) ?? []) {
    if ([...word].every((char) => char.charCodeAt(0) < 0x80)) continue;
    words++;
    if (looksVietnamese(word)) good++;
  }
  return { words, score: words === 0 ? 0 : good / words };
}

/** Enough of a file to tell its encoding; the whole file is still checked as UTF-8. */
const SAMPLE_BYTES = 64 * 1024;
const MIN_SCORE = 0.8;

/**
 * The encoding of a text file: `utf-8` when the bytes are valid UTF-8 (with or without a BOM; plain
 * ASCII is UTF-8), `utf-16` when it starts with a UTF-16 byte-order mark, `windows-1258` or `tcvn3`
 * when decoding with that code page gives Vietnamese words, `unknown` otherwise.
 */
export function detectTextEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return 'utf-16';
  const body = BOM_UTF8.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
  if (isValidUtf8(body)) return 'utf-8';
  const sample = body.subarray(0, SAMPLE_BYTES);
  const candidates = (['windows-1258', 'tcvn3'] as const).map((encoding) => ({
    encoding,
    ...vietnameseScore(decodeWith(sample, encoding === 'tcvn3' ? TCVN3_HIGH : WINDOWS_1258_HIGH)),
  }));
  const [first, second] = candidates.sort((a, b) => b.score - a.score);
  if (!first || first.words === 0 || first.score < MIN_SCORE || first.score === second?.score) return 'unknown';
  return first.encoding;
}
