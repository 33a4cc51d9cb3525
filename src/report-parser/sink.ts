/**
 * Where the table readers put what they read: each cell's value with the place it was printed, or
 * null with the reason it could not be read. One place decides how a printed mark becomes a value.
 */
import type { Origin } from './document.ts';
import type { Token } from './tokens.ts';

export interface Provenance extends Origin {
  /** The cell's text as printed ('' for a blank cell). */
  text: string;
}

export interface Unread {
  cell: string;
  reason: string;
}

export type Money = 'wan_yuan' | 'yuan' | null;

export class Sink {
  readonly provenance: Record<string, Provenance> = {};
  readonly unread: Unread[] = [];

  /**
   * The value of a token for cell `id`: a figure as printed, '/' '-' '—' as 0 (a filled cell saying
   * "none"), a blank as null. `money` converts amounts printed in 元 to 万元.
   */
  take(id: string, token: Token, money?: { header: Money }): number | null {
    this.provenance[id] = { ...token.cell.origin, text: token.cell.raw.trim() };
    const v = token.value;
    if (token.kind === 'blank' || !v || v.kind === 'blank') {
      this.unread.push({ cell: id, reason: '空白单元格（未填写数字）' });
      return null;
    }
    if (v.kind === 'mark') return 0;
    if (money) {
      const unit = v.unit ?? money.header;
      if (unit === 'yuan') return Math.round((v.value / 10_000) * 1e6) / 1e6;
      if (unit === null && v.unit === undefined && money.header === null) {
        // No unit in the header or the cell: the layout's unit is 万元 for the 2021 fee column only;
        // the caller passes header 'wan_yuan' in that case, so reaching here means it is unknown.
        this.unread.push({ cell: id, reason: `金额“${token.cell.raw.trim()}”未注明单位` });
        return null;
      }
    }
    return v.value;
  }

  /** A cell that could not be read: null, with the reason (in Chinese, for people). */
  miss(id: string, reason: string, near?: Token): null {
    if (near) this.provenance[id] = { ...near.cell.origin, text: near.cell.raw.trim() };
    this.unread.push({ cell: id, reason });
    return null;
  }

  /** A text cell where a figure belongs ("无", "见附件"). */
  unreadable(id: string, token: Token): null {
    this.provenance[id] = { ...token.cell.origin, text: token.cell.raw.trim() };
    this.unread.push({ cell: id, reason: `单元格内容“${token.cell.raw.trim()}”不是数字` });
    return null;
  }
}
