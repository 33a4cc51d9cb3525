import { Tooltip } from 'antd';

export interface MarkedDay {
  date: string;
  kind: 'holiday' | 'makeup_workday';
  name: string;
}

const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];

/** One month, Monday first, with 休 (holiday) and 班 (make-up workday) marks as on a wall calendar. */
export function MonthGrid({
  year,
  month,
  marks,
}: {
  year: number;
  month: number;
  marks: Map<string, MarkedDay>;
}) {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offset = (first.getUTCDay() + 6) % 7;
  const cells: (number | null)[] = [
    ...Array(offset).fill(null),
    ...Array.from({ length: days }, (_, i) => i + 1),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return (
    <table className="month-grid" aria-label={`${year}年${month}月`}>
      <caption>{month}月</caption>
      <thead>
        <tr>
          {WEEK_HEAD.map((d) => (
            <th key={d} scope="col">
              {d}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: cells.length / 7 }, (_, week) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: weeks have no other identity
          <tr key={week}>
            {cells.slice(week * 7, week * 7 + 7).map((day, i) => {
              // biome-ignore lint/suspicious/noArrayIndexKey: padding cells before the 1st and after the last day have no identity
              if (day === null) return <td key={`empty-${week}-${i}`} />;
              const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
              const mark = marks.get(date);
              const weekend = i >= 5;
              const className = mark ? mark.kind : weekend ? 'weekend' : '';
              const cell = (
                <td key={date} className={className} data-date={date}>
                  <span className="day">{day}</span>
                  {mark && <span className="badge">{mark.kind === 'holiday' ? '休' : '班'}</span>}
                </td>
              );
              return mark ? (
                <Tooltip
                  key={date}
                  title={`${date} ${mark.name}${mark.kind === 'holiday' ? '（放假）' : '（调休上班）'}`}
                >
                  {cell}
                </Tooltip>
              ) : (
                cell
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
