import { sql } from 'kysely';
import type { Executor } from './executor.ts';

export interface AdministrativeFee {
  id: string;
  agencyId: string;
  year: number;
  item: string;
  basis: string | null;
  amountYuan: number;
  note: string | null;
  version: number;
}

const COLUMNS = ['id', 'agencyId', 'year', 'item', 'basis', 'amountYuan', 'note', 'version'] as const;

const toFee = (row: AdministrativeFee): AdministrativeFee => ({ ...row, amountYuan: Number(row.amountYuan) });

/** 行政事业性收费 collected per item and year (section 二, 第二十条第（八）项). */
export function catalogueFeeRepository(db: Executor) {
  return {
    async insert(fee: Omit<AdministrativeFee, 'id' | 'version'> & { createdBy: string | null }) {
      const row = await db
        .insertInto('administrativeFee')
        .values(fee)
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return toFee(row);
    },

    async update(
      id: string,
      expectedVersion: number,
      fields: Pick<AdministrativeFee, 'item' | 'basis' | 'amountYuan' | 'note'>,
    ): Promise<AdministrativeFee | undefined> {
      const row = await db
        .updateTable('administrativeFee')
        .set({ ...fields, version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning(COLUMNS)
        .executeTakeFirst();
      return row ? toFee(row) : undefined;
    },

    async delete(id: string): Promise<boolean> {
      const result = await db.deleteFrom('administrativeFee').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async findById(id: string): Promise<AdministrativeFee | undefined> {
      const row = await db
        .selectFrom('administrativeFee')
        .select(COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toFee(row) : undefined;
    },

    async listForYear(agencyId: string, year: number): Promise<AdministrativeFee[]> {
      const rows = await db
        .selectFrom('administrativeFee')
        .select(COLUMNS)
        .where('agencyId', '=', agencyId)
        .where('year', '=', year)
        .orderBy('item')
        .execute();
      return rows.map(toFee);
    },
  };
}

export type CatalogueFeeRepository = ReturnType<typeof catalogueFeeRepository>;
