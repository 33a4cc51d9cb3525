/**
 * What someone hands in to be audited: single report files, or ZIP archives of them. Everything that
 * can be said about a file before reading it as a report is said here, in Chinese, so that the CLI
 * and the console refuse the same files with the same words.
 */
import JSZip from 'jszip';
import { MAX_UPLOAD_FILE_BYTES } from '../../contract/report-audit.ts';

/** A document to read as a report. `name` is the path shown to people (archive entries: `a.zip!/b.pdf`). */
export interface ReportInput {
  name: string;
  bytes: Uint8Array;
}

export type InputItem = ({ ok: true } & ReportInput) | { ok: false; name: string; error: string };

/** One published report is a few MB at most; 20 MB leaves room for scans with a text layer. */
export const MAX_FILE_BYTES = MAX_UPLOAD_FILE_BYTES;
export const MAX_ARCHIVE_ENTRIES = 500;
/** Total uncompressed size of one archive: a cap on ZIP bombs. */
export const MAX_ARCHIVE_BYTES = 200 * 1024 * 1024;

/** The extensions picked up when walking a directory or an archive (a file named explicitly is always tried). */
export const REPORT_EXTENSIONS = [
  'pdf',
  'docx',
  'htm',
  'html',
  'shtml',
  'xhtml',
  'txt',
  'text',
  'md',
  'zip',
  // Not readable, but worth naming in the result rather than silently passing over.
  'doc',
  'wps',
  'ofd',
  'rtf',
] as const;

export function isReportFileName(name: string): boolean {
  const base = name.split(/[\\/]/).pop() ?? name;
  if (base.startsWith('.') || base.startsWith('~$') || /^readme(\.|$)/i.test(base)) return false;
  const ext = base.includes('.') ? base.split('.').pop()!.toLowerCase() : '';
  return (REPORT_EXTENSIONS as readonly string[]).includes(ext);
}

const MB = 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(bytes < 100 * MB ? 2 : 0))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

export function tooLargeMessage(name: string, size: number): string {
  return `文件“${name}”大小为${formatBytes(size)}，超过单个文件${formatBytes(MAX_FILE_BYTES)}的上限`;
}

const startsWith = (bytes: Uint8Array, ...magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Formats recognisable from their first bytes that the parser cannot read, with what to do instead. */
function unsupportedFormat(bytes: Uint8Array): string | null {
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) {
    return '旧版 Office 文件（.doc/.wps/.xls）无法读取，请另存为 DOCX 或 PDF 后再核查';
  }
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) || startsWith(bytes, 0xff, 0xd8, 0xff)) {
    return '图片文件中没有可读取的文字，无法核查（请使用报告的网页、DOCX 或带文字层的 PDF）';
  }
  if (startsWith(bytes, 0x47, 0x49, 0x46, 0x38) || startsWith(bytes, 0x42, 0x4d)) {
    return '图片文件中没有可读取的文字，无法核查（请使用报告的网页、DOCX 或带文字层的 PDF）';
  }
  if (startsWith(bytes, 0x49, 0x49, 0x2a, 0x00) || startsWith(bytes, 0x4d, 0x4d, 0x00, 0x2a)) {
    return '图片文件中没有可读取的文字，无法核查（请使用报告的网页、DOCX 或带文字层的 PDF）';
  }
  if (startsWith(bytes, 0x52, 0x61, 0x72, 0x21) || startsWith(bytes, 0x37, 0x7a, 0xbc, 0xaf)) {
    return '不支持 RAR、7z 压缩包，请改用 ZIP';
  }
  if (startsWith(bytes, 0x7b, 0x5c, 0x72, 0x74, 0x66))
    return 'RTF 文件无法读取，请另存为 DOCX 或 PDF 后再核查';
  return null;
}

function decodeEntryName(raw: Uint8Array | string | string[]): string {
  if (typeof raw === 'string') return raw;
  const bytes = Array.isArray(raw) ? new Uint8Array(raw.map((c) => c.charCodeAt(0))) : raw;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Archives made on Chinese Windows store entry names in GBK without the UTF-8 flag.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

interface StreamingEntry {
  internalStream(type: 'uint8array'): JSZip.JSZipStreamHelper<Uint8Array>;
}

/** An entry's bytes, stopping as soon as it exceeds `limit` (the declared size may lie). */
function readEntry(entry: JSZip.JSZipObject, limit: number): Promise<Uint8Array | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let settled = false;
    // internalStream is documented jszip API but missing from its type declarations.
    const stream = (entry as unknown as StreamingEntry).internalStream('uint8array');
    stream
      .on('data', (chunk: Uint8Array) => {
        if (settled) return;
        size += chunk.length;
        if (size > limit) {
          settled = true;
          stream.pause();
          resolve('too_large');
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (error: Error) => {
        if (settled) return;
        settled = true;
        reject(error);
      })
      .on('end', () => {
        if (settled) return;
        settled = true;
        const out = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          out.set(c, at);
          at += c.length;
        }
        resolve(out);
      })
      .resume();
  });
}

type ZipContent = { kind: 'document' } | { kind: 'archive'; zip: JSZip } | { kind: 'refused'; error: string };

async function openZip(bytes: Uint8Array): Promise<ZipContent> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { decodeFileName: decodeEntryName });
  } catch {
    return { kind: 'refused', error: 'ZIP 文件已损坏或无法打开' };
  }
  if (zip.file('word/document.xml')) return { kind: 'document' };
  if (zip.file('xl/workbook.xml')) {
    return {
      kind: 'refused',
      error: 'Excel 表格不是年度报告的发布格式，无法核查（请使用报告正文的网页、DOCX、PDF 或文本）',
    };
  }
  if (zip.file('ppt/presentation.xml'))
    return { kind: 'refused', error: '演示文稿不是年度报告的发布格式，无法核查' };
  if (zip.file('OFD.xml')) return { kind: 'refused', error: 'OFD 版式文件暂不能读取，请使用 PDF 或 DOCX' };
  return { kind: 'archive', zip };
}

/**
 * One handed-in file as the documents to read: itself, or the report files inside a ZIP archive (one
 * level of nested archives). Files that cannot be a readable report come back with the reason.
 */
export async function expandInput(input: ReportInput, depth = 0): Promise<InputItem[]> {
  const { name, bytes } = input;
  if (bytes.length === 0) return [{ ok: false, name, error: '文件为空' }];
  if (bytes.length > MAX_FILE_BYTES) return [{ ok: false, name, error: tooLargeMessage(name, bytes.length) }];
  const unsupported = unsupportedFormat(bytes);
  if (unsupported) return [{ ok: false, name, error: unsupported }];
  if (!startsWith(bytes, 0x50, 0x4b)) return [{ ok: true, name, bytes }];

  const content = await openZip(bytes);
  if (content.kind === 'document') return [{ ok: true, name, bytes }];
  if (content.kind === 'refused') return [{ ok: false, name, error: content.error }];
  if (depth > 0) return [{ ok: false, name, error: '压缩包中又有压缩包的，请解开后再核查' }];

  const entries = Object.values(content.zip.files)
    .filter((e) => !e.dir && !e.name.startsWith('__MACOSX/') && isReportFileName(e.name))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
  if (entries.length === 0) {
    return [{ ok: false, name, error: '压缩包中没有年度报告文件（PDF、DOCX、网页或文本）' }];
  }
  if (entries.length > MAX_ARCHIVE_ENTRIES) {
    return [
      {
        ok: false,
        name,
        error: `压缩包中有${entries.length}个文件，超过单个压缩包${MAX_ARCHIVE_ENTRIES}个的上限，请分批上传`,
      },
    ];
  }
  const out: InputItem[] = [];
  let total = 0;
  for (const entry of entries) {
    const entryName = `${name}!/${entry.name}`;
    let data: Uint8Array | 'too_large';
    try {
      data = await readEntry(entry, MAX_FILE_BYTES);
    } catch {
      out.push({ ok: false, name: entryName, error: '压缩包中的此文件已损坏，无法解压' });
      continue;
    }
    if (data === 'too_large') {
      out.push({
        ok: false,
        name: entryName,
        error: `解压后超过单个文件${formatBytes(MAX_FILE_BYTES)}的上限`,
      });
      continue;
    }
    total += data.length;
    if (total > MAX_ARCHIVE_BYTES) {
      out.push({
        ok: false,
        name: entryName,
        error: `压缩包解压后总大小超过${formatBytes(MAX_ARCHIVE_BYTES)}，其余文件未读取，请分批上传`,
      });
      break;
    }
    out.push(...(await expandInput({ name: entryName, bytes: data }, depth + 1)));
  }
  return out;
}
