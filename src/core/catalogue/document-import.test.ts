import { describe, expect, it } from 'vitest';
import {
  ARTICLE_20_CATEGORIES,
  ARTICLE_21_CITY_COUNTY_CATEGORIES,
  ARTICLE_21_TOWNSHIP_CATEGORIES,
  categoriesForLevel,
} from './categories.ts';
import {
  DOCUMENT_FIELD_SPECS,
  type DocumentImportField,
  type DocumentRowContext,
  documentKey,
  findCategoryByText,
  parseDocumentType,
  parseValidity,
  validateDocumentRow,
} from './document-import.ts';
import { parseMappingText, resolveColumnMapping } from './import-mapping.ts';
import { matchIndexNumber, parseIndexNumberPattern } from './index-number.ts';

const ALL = [
  ...ARTICLE_20_CATEGORIES,
  ...ARTICLE_21_CITY_COUNTY_CATEGORIES,
  ...ARTICLE_21_TOWNSHIP_CATEGORIES,
];

function rule(pattern: string) {
  const parsed = parseIndexNumberPattern(pattern);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

const context: DocumentRowContext = {
  today: '2026-11-27',
  agencyName: '张家港市行政审批局',
  agencyCode: '11320582014000028G',
  indexRule: rule('{org}/{yyyy}-{seq:5}'),
  allowedCategories: categoriesForLevel('county'),
  allCategories: ALL,
  defaultCategory: null,
  defaultDocumentType: null,
};

const good: Partial<Record<DocumentImportField, string>> = {
  title: '张家港市行政审批局关于印发《政务服务事项容缺受理办法》的通知',
  documentNumber: '张审批规[2021]2号',
  formedOn: '2021/3/1',
  publishedOn: '2021年3月4日',
  category: '行政法规、规章和规范性文件',
  documentType: '规范性文件',
  topic: '政务服务',
  summary: '明确容缺受理的适用范围、办理程序和监督管理。',
};

describe('document import: one row', () => {
  it('builds a published entry with its historical dates, normalised 文号 and the agency as issuer', () => {
    expect(validateDocumentRow(good, context)).toEqual({
      ok: true,
      value: {
        fields: {
          title: good.title,
          summary: good.summary,
          body: null,
          issuingAgencyName: '张家港市行政审批局',
          documentNumber: '张审批规〔2021〕2号',
          formedOn: '2021-03-01',
          category: 'a20_01',
          documentType: 'normative_document',
          topic: '政务服务',
          validity: 'in_force',
          validityChangedOn: null,
          repealedBy: null,
        },
        publishedOn: '2021-03-04',
        indexNumber: null,
        indexPeriod: null,
        indexSerial: null,
        indexNumberReplaced: false,
      },
    });
  });

  it.each<[Partial<Record<DocumentImportField, string>>, { column?: string; message: string }[]]>([
    [{ title: '' }, [{ column: '标题', message: '标题为空' }]],
    [{ title: '长'.repeat(201) }, [{ column: '标题', message: '标题超过 200 个字' }]],
    [
      { formedOn: '2021-02-30' },
      [{ column: '成文日期', message: '成文日期“2021-02-30”不是有效日期（应为 YYYY-MM-DD）' }],
    ],
    [{ publishedOn: '' }, [{ column: '发布日期', message: '发布日期为空' }]],
    [
      { formedOn: '2021-03-05' },
      [{ column: '发布日期', message: '发布日期 2021-03-04 早于成文日期 2021-03-05' }],
    ],
    [{ publishedOn: '2027-01-01' }, [{ column: '发布日期', message: '发布日期 2027-01-01 晚于今天' }]],
    [
      { category: '工作动态' },
      [
        {
          column: '类别',
          message:
            '类别“工作动态”无法识别（应为《条例》第二十条、第二十一条的事项名称或代码，如“行政法规、规章和规范性文件”或 a20_01）',
        },
      ],
    ],
    [
      { category: '筹资筹劳' },
      [{ column: '类别', message: '类别“筹资筹劳”不属于本机关适用的《条例》第二十条、第二十一条事项' }],
    ],
    [
      { documentType: '决定' },
      [
        {
          column: '文种',
          message:
            '文种“决定”无法识别（应为 规章、行政规范性文件、其他政策文件、政策解读、图解、通知公告、其他）',
        },
      ],
    ],
    [{ documentNumber: '' }, [{ column: '文号', message: '行政规范性文件应当填写文号' }]],
    [
      { validity: '已废止', validityChangedOn: '2022-01-01' },
      [{ column: '废止文件', message: '废止的文件应当填写废止依据（文号或文件名称）' }],
    ],
    [{ validity: '已失效' }, [{ column: '失效日期', message: '失效的文件应当填写失效日期' }]],
    [
      { validity: '暂停' },
      [
        {
          column: '有效性',
          message: '有效性“暂停”无法识别（应为 现行有效、已失效 或 已废止；空白视为有效）',
        },
      ],
    ],
    [
      { title: '', formedOn: 'x', category: '' },
      [
        { column: '标题', message: '标题为空' },
        { column: '成文日期', message: '成文日期“x”不是有效日期（应为 YYYY-MM-DD）' },
        { column: '类别', message: '类别为空（或在导入时指定统一的类别）' },
      ],
    ],
  ])('refuses %j', (change, problems) => {
    expect(validateDocumentRow({ ...good, ...change }, context)).toEqual({ ok: false, problems });
  });

  it('keeps a repealed document with its date and repealing document', () => {
    const result = validateDocumentRow(
      { ...good, validity: '已废止', validityChangedOn: '2023-05-01', repealedBy: '张审批规〔2023〕1号' },
      context,
    );
    expect(result.ok && result.value.fields).toMatchObject({
      validity: 'repealed',
      validityChangedOn: '2023-05-01',
      repealedBy: '张审批规〔2023〕1号',
    });
  });

  it('uses the import-wide category and 文种 for a file without those columns', () => {
    const { category: _c, documentType: _t, ...rest } = good;
    const result = validateDocumentRow(rest, {
      ...context,
      defaultCategory: 'a20_05',
      defaultDocumentType: 'notice',
    });
    expect(result.ok && [result.value.fields.category, result.value.fields.documentType]).toEqual([
      'a20_05',
      'notice',
    ]);
  });

  it.each([
    ['014000028/2021-00185', { indexNumber: '014000028/2021-00185', indexPeriod: '2021', indexSerial: 185 }],
    [
      '  014000028/2021-00185 ',
      { indexNumber: '014000028/2021-00185', indexPeriod: '2021', indexSerial: 185 },
    ],
    ['014000028-2021-00185', { indexNumber: null, indexNumberReplaced: true }],
    ['123456789/2021-00185', { indexNumber: null, indexNumberReplaced: true }],
    ['014000028/2021-0185', { indexNumber: null, indexNumberReplaced: true }],
    ['', { indexNumber: null, indexNumberReplaced: false }],
  ])('索引号 %j: kept only in the agency rule’s shape', (given, expected) => {
    const result = validateDocumentRow({ ...good, indexNumber: given }, context);
    expect(result.ok && result.value).toMatchObject(expected);
  });
});

describe('document import: words', () => {
  it.each([
    ['a20_05', 'county', 'a20_05'],
    ['第二十条第（五）项', 'county', 'a20_05'],
    ['第二十条第(五)项', 'county', 'a20_05'],
    [' 国民经济和社会发展统计信息 ', 'county', 'a20_04'],
    ['土地征收', 'county', 'a21_c04'],
    ['土地征收', 'township', 'a21_t05'],
  ] as const)('类别 %j for a %s agency is %s', (text, level, code) => {
    const result = validateDocumentRow(
      { ...good, category: text },
      {
        ...context,
        allowedCategories: categoriesForLevel(level),
      },
    );
    expect(result.ok && result.value.fields.category).toBe(code);
  });

  it('finds no category in an unrelated word', () => {
    expect(findCategoryByText('第二十一条', ALL)).toBeNull();
    expect(findCategoryByText('', ALL)).toBeNull();
  });

  it.each([
    ['规章', 'rule'],
    ['行政规范性文件', 'normative_document'],
    ['规范性文件', 'normative_document'],
    ['其他政策文件', 'policy_document'],
    ['政策解读', 'policy_interpretation'],
    ['图解', 'graphic_interpretation'],
    ['通知公告', 'notice'],
    ['公告', 'notice'],
    ['NOTICE', 'notice'],
    ['其他', 'other'],
    ['其它', 'other'],
    ['决定', null],
  ])('文种 %j is %s', (text, type) => {
    expect(parseDocumentType(text)).toBe(type);
  });

  it.each([
    ['现行有效', 'in_force'],
    ['有效', 'in_force'],
    ['已失效', 'expired'],
    ['已 废止', 'repealed'],
    ['repealed', 'repealed'],
    ['部分有效', null],
  ])('有效性 %j is %s', (text, validity) => {
    expect(parseValidity(text)).toBe(validity);
  });

  it('keys a document by its 文号, else by title and 成文日期', () => {
    expect(documentKey({ documentNumber: '张审批〔2021〕1号', title: 'a', formedOn: '2021-01-01' })).toBe(
      '文号:张审批〔2021〕1号',
    );
    expect(documentKey({ documentNumber: null, title: '通知', formedOn: '2021-01-01' })).not.toBe(
      documentKey({ documentNumber: null, title: '通知', formedOn: '2021-01-02' }),
    );
  });
});

describe('索引号 read against a rule', () => {
  it.each([
    ['{org}/{yyyy}-{seq:5}', '014000028/2022-00185', { period: '2022', serial: 185 }],
    ['{org-}/{yyyy}-{seq:5}', '01400002-8/2022-00185', { period: '2022', serial: 185 }],
    ['{uscc}/{yyyy}{mm}-{seq:5}', '11320582014000028G/202110-00013', { period: '2021-10', serial: 13 }],
    ['{org}-{yyyy}-{seq:6}', '014000028-2020-153077', { period: '2020', serial: 153077 }],
    ['{org}/{yyyy}-{seq:5}', '014000028/2022-00000', null],
    ['{org}/{yyyy}-{seq:5}', '014000028/2022-001850', null],
    ['{org}/{yyyy}{mm}-{seq:5}', '014000028/202213-00001', null],
    ['{org}.{yyyy}-{seq:5}', '014000028x2022-00001', null],
  ])('%s reads %j', (pattern, text, expected) => {
    expect(matchIndexNumber(rule(pattern), '11320582014000028G', text)).toEqual(expected);
  });
});

describe('document columns', () => {
  const headers = [
    '序号',
    '索引号',
    '文件名称',
    '发文字号',
    '印发日期',
    '上网时间',
    '信息类别',
    '体裁',
    '正文',
  ];

  const mappingOf = (text: string) => {
    const mapping = parseMappingText(DOCUMENT_FIELD_SPECS, text);
    if (!mapping.ok) throw new Error(mapping.error.message);
    return mapping.value;
  };

  it('recognises a CMS export’s headers and takes a mapping for the others', () => {
    const result = resolveColumnMapping(DOCUMENT_FIELD_SPECS, headers, mappingOf('发布日期=上网时间'));
    expect(result.ok && result.value).toEqual({
      columns: {
        indexNumber: 1,
        title: 2,
        documentNumber: 3,
        formedOn: 4,
        publishedOn: 5,
        category: 6,
        documentType: 7,
        body: 8,
      },
      ignoredHeaders: ['序号'],
    });
  });

  it('reads a field from no column when mapped to nothing, and then requires what is required', () => {
    const result = resolveColumnMapping(
      DOCUMENT_FIELD_SPECS,
      headers,
      mappingOf('发布日期=上网时间，正文=，索引号='),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.columns).toEqual({
      title: 2,
      documentNumber: 3,
      formedOn: 4,
      publishedOn: 5,
      category: 6,
      documentType: 7,
    });
    expect(result.value.ignoredHeaders).toEqual(['序号', '索引号', '正文']);
    const without = resolveColumnMapping(DOCUMENT_FIELD_SPECS, headers, {
      publishedOn: '上网时间',
      title: '',
    });
    expect(!without.ok && without.error.problems).toEqual([
      '缺少必需的列“标题”（可用列名：标题、名称、文件名称、文件标题、信息名称、信息标题、title）',
    ]);
  });
});
