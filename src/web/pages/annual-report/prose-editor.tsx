import { Input, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Finding } from '../../../core/annual-report/rules.ts';
import { FindingMessages } from './report-grid.tsx';

/** Pieces of a text keyed by where they start in it (text has no other identity). */
function withOffsets(pieces: string[]): { at: number; text: string }[] {
  let at = 0;
  return pieces.map((text) => {
    const piece = { at, text };
    at += text.length + 1;
    return piece;
  });
}

function Runs({ text }: { text: string }) {
  return (
    <>
      {withOffsets(text.split(/(\*\*[^*]+\*\*)/)).map(({ at, text: part }) =>
        part.startsWith('**') && part.endsWith('**') && part.length > 4 ? (
          <strong key={at}>{part.slice(2, -2)}</strong>
        ) : (
          <span key={at}>{part}</span>
        ),
      )}
    </>
  );
}

/** Paragraphs split on blank lines; `**…**` runs bold: the report's rich-text format, read-only. */
export function RichTextView({ text }: { text: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (paragraphs.length === 0) return <Typography.Text type="secondary">（未填写）</Typography.Text>;
  return (
    <div className="report-prose">
      {withOffsets(paragraphs).map(({ at, text: p }) => (
        <p key={at}>
          <Runs text={p} />
        </p>
      ))}
    </div>
  );
}

export interface ProseEditorProps {
  label: string;
  value: string;
  editable: boolean;
  onChange: (value: string) => void;
  /** R8 findings that quote this text. */
  findings: readonly Finding[];
  extra?: ReactNode;
  placeholder?: string;
}

/** One prose section: a textarea in the report's rich-text format while editable, the text otherwise. */
export function ProseEditor({
  label,
  value,
  editable,
  onChange,
  findings,
  extra,
  placeholder,
}: ProseEditorProps) {
  return (
    <div className="prose-editor">
      {extra && <div style={{ marginBottom: 8 }}>{extra}</div>}
      {editable ? (
        <Input.TextArea
          aria-label={label}
          value={value}
          autoSize={{ minRows: 4, maxRows: 24 }}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          style={{ fontSize: 15, lineHeight: 1.8 }}
        />
      ) : (
        <RichTextView text={value} />
      )}
      {findings.length > 0 && (
        <div style={{ marginTop: 6 }}>
          <FindingMessages findings={findings} />
        </div>
      )}
    </div>
  );
}
