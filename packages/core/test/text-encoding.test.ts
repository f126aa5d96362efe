import { describe, expect, it } from 'vitest';
import { detectTextEncoding, isValidUtf8 } from '../src/index.ts';

// Real byte sequences: what `iconv -t WINDOWS-1258` and `iconv -t TCVN5712-1` write for the same
// Vietnamese text (TCVN5712-1 is the VN1 superset of TCVN3; lowercase letters are identical).
const hex = (text: string) => Uint8Array.from(text.match(/../g)!.map((pair) => parseInt(pair, 16)));
const utf8 = (text: string) => Uint8Array.from(Array.from(unescape(encodeURIComponent(text)), (c) => c.charCodeAt(0)));

/** "Sở Nội vụ tỉnh Lạng Sơn" */
const soNoiVu = {
  windows1258: hex('53f5d2204ef4f269207675f2207469d26e68204c61f26e672053f56e'),
  tcvn3: hex('53eb204ee9692076f42074d86e68204cb96e672053ac6e'),
};
/** "Mã đơn vị,Tên đơn vị,Loại" */
const header = {
  windows1258: hex('4d61de20f0f56e207669f22c54ea6e20f0f56e207669f22c4c6f61f269'),
  tcvn3: hex('4db720aeac6e2076de2c54aa6e20aeac6e2076de2c4c6fb969'),
};
/** A units CSV: "code,name,type / S01,Sở Tư pháp,… / S02,Ủy ban nhân dân huyện Cao Lộc,… / X01,Xã Đồng Đăng,…" */
const unitsCsv = {
  windows1258: hex(
    '636f64652c6e616d652c747970650a5330312c53f5d22054fd207068e1702c6465706172746d656e740a5330322c55d2792062616e206e68e26e2064e26e20687579eaf26e2043616f204cf4f2632c64697374726963740a5830312c5861de20d0f4cc6e6720d0e36e672c636f6d6d756e65',
  ),
  tcvn3: hex(
    '636f64652c6e616d652c747970650a5330312c53eb2054ad207068b8702c6465706172746d656e740a5330322c9e792062616e206e68a96e2064a96e20687579d66e2043616f204ce9632c64697374726963740a5830312c58b720a7e56e6720a7a86e672c636f6d6d756e65',
  ),
};

describe('detectTextEncoding', () => {
  it('takes valid UTF-8 (with or without a byte-order mark, and plain ASCII) as UTF-8', () => {
    expect(detectTextEncoding(utf8('Sở Nội vụ tỉnh Lạng Sơn'))).toBe('utf-8');
    expect(detectTextEncoding(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8('Mã đơn vị,Tên đơn vị')))).toBe('utf-8');
    expect(detectTextEncoding(utf8('code,name\nS01,So Tu phap'))).toBe('utf-8');
    expect(detectTextEncoding(new Uint8Array())).toBe('utf-8');
  });

  it('recognises Windows-1258: tones as combining bytes after the vowel, đ as 0xF0', () => {
    expect(detectTextEncoding(soNoiVu.windows1258)).toBe('windows-1258');
    expect(detectTextEncoding(header.windows1258)).toBe('windows-1258');
    expect(detectTextEncoding(unitsCsv.windows1258)).toBe('windows-1258');
  });

  it('recognises TCVN3 (ABC): one byte per toned vowel, á 0xB8, ư 0xAD, đ 0xAE', () => {
    expect(detectTextEncoding(soNoiVu.tcvn3)).toBe('tcvn3');
    expect(detectTextEncoding(header.tcvn3)).toBe('tcvn3');
    expect(detectTextEncoding(unitsCsv.tcvn3)).toBe('tcvn3');
    expect(detectTextEncoding(hex('b8ad'))).not.toBe('utf-8');
  });

  it('names UTF-16 by its byte-order mark', () => {
    expect(detectTextEncoding(Uint8Array.of(0xff, 0xfe, 0x53, 0x00, 0xdf, 0x1e))).toBe('utf-16');
    expect(detectTextEncoding(Uint8Array.of(0xfe, 0xff, 0x00, 0x53))).toBe('utf-16');
  });

  it('does not call other text Vietnamese: Latin-1 German, random bytes, a lone ambiguous word', () => {
    expect(detectTextEncoding(hex('53747261df65204dfc6c6c657220c472676572'))).toBe('unknown'); // "Straße Müller Ärger"
    expect(detectTextEncoding(hex('8d8f909d81ff00fe'))).toBe('unknown');
    // "Giá" in Windows-1258 is "Giỏ" in TCVN3: both read as Vietnamese, so neither is named.
    expect(detectTextEncoding(hex('4769e1'))).toBe('unknown');
  });
});

describe('isValidUtf8', () => {
  it('refuses truncated sequences, overlong forms and surrogates', () => {
    expect(isValidUtf8(hex('e1bb99'))).toBe(true); // ộ
    expect(isValidUtf8(hex('e1bb'))).toBe(false);
    expect(isValidUtf8(hex('c0af'))).toBe(false);
    expect(isValidUtf8(hex('eda080'))).toBe(false);
    expect(isValidUtf8(hex('f4908080'))).toBe(false);
  });
});
