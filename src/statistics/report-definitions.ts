// What each figure of the summing-up report counts, said once: the page prints these definitions, and
// the spreadsheet and the Word document take their headers from them, so the three never disagree.

export interface FigureDefinition {
  key: string;
  /** The column or row header. */
  label: string;
  /** What it counts, in one sentence, as the page explains it. */
  definition: string;
}

/** The figures of the yearly cycle, counted per period, per commune (province for the country) and per field. */
export const CYCLE_FIGURES = [
  {
    key: 'registered',
    label: 'Đăng ký',
    definition: 'mô hình gửi thẩm định lần đầu trong kỳ (theo ngày gửi lần đầu, giờ Việt Nam).',
  },
  {
    key: 'recognised',
    label: 'Công nhận lần đầu',
    definition:
      'mô hình có năm công nhận đầu tiên nằm trong kỳ, ở bất kỳ cấp nào, kể cả mô hình sau đó đã bị thu hồi công nhận.',
  },
  {
    key: 'recognisedGood',
    label: 'Trong đó: loại Tốt',
    definition: 'mô hình công nhận lần đầu trong kỳ, được xếp loại Tốt ở ít nhất một cấp trong năm công nhận đó.',
  },
  {
    key: 'recognisedFair',
    label: 'Trong đó: loại Khá',
    definition: 'mô hình công nhận lần đầu trong kỳ, được xếp loại Khá và không được xếp loại Tốt trong năm đó.',
  },
  {
    key: 'recognisedCollective',
    label: 'Trong đó: tập thể',
    definition: 'mô hình tập thể trong số mô hình công nhận lần đầu trong kỳ.',
  },
  {
    key: 'recognisedIndividual',
    label: 'Trong đó: cá nhân',
    definition: 'điển hình cá nhân trong số mô hình công nhận lần đầu trong kỳ.',
  },
  {
    key: 'recognisedAgain',
    label: 'Công nhận lại',
    definition:
      'mô hình được công nhận thêm trong kỳ, vào một năm sau năm công nhận đầu tiên (mỗi mô hình tính một lần, dù được công nhận ở nhiều cấp).',
  },
  {
    key: 'dropped',
    label: 'Đưa ra khỏi danh sách',
    definition: 'mô hình được đánh giá lại trong kỳ là không còn hiệu quả, tính theo nơi mô hình ở khi được đánh giá.',
  },
] as const satisfies readonly FigureDefinition[];
export type CycleKey = (typeof CYCLE_FIGURES)[number]['key'];
export const CYCLE_KEYS: CycleKey[] = CYCLE_FIGURES.map((f) => f.key);

/** The figures outside the yearly cycle, with their totals. */
const OTHER_FIGURES = [
  {
    key: 'replicatedModels',
    label: 'Mô hình được nhân rộng',
    definition: 'mô hình trong phạm vi báo cáo có ít nhất một bản nhân rộng được công nhận lần đầu trong kỳ.',
  },
  {
    key: 'replicas',
    label: 'Bản nhân rộng',
    definition:
      'mô hình (ở bất kỳ đâu) ghi là nhân rộng từ một mô hình trong phạm vi, được công nhận lần đầu trong kỳ.',
  },
  {
    key: 'commendations',
    label: 'Khen thưởng',
    definition:
      'quyết định khen thưởng còn hiệu lực cho mô hình trong phạm vi, có ngày quyết định trong kỳ (không có ngày thì theo ngày ghi nhận).',
  },
  {
    key: 'levelRecognitions',
    label: 'Lượt công nhận theo cấp',
    definition:
      'mô hình được công nhận ở cấp đó trong kỳ (lần đầu hoặc lại); một mô hình công nhận ở hai cấp tính ở cả hai.',
  },
  {
    key: 'waiting',
    label: 'Đang chờ',
    definition:
      'mô hình đang chờ thẩm định hoặc đang lấy ý kiến tại thời điểm xem báo cáo; số ngày chờ tính từ ngày gửi gần nhất.',
  },
  {
    key: 'queue',
    label: 'Theo trạng thái',
    definition: 'mọi mô hình trong phạm vi, theo trạng thái hiện tại, kể cả bản nháp và mô hình chưa công khai.',
  },
  {
    key: 'newest',
    label: 'Công nhận gần đây',
    definition: 'mô hình đang được công nhận, công bố trong kỳ, mới nhất trước.',
  },
  {
    key: 'mostReplicated',
    label: 'Nhân rộng nhiều nhất',
    definition: 'mô hình trong phạm vi có nhiều bản nhân rộng đang được công nhận nhất, tính đến nay.',
  },
] as const satisfies readonly FigureDefinition[];
type OtherKey = (typeof OTHER_FIGURES)[number]['key'];

const ALL: Record<string, FigureDefinition> = Object.fromEntries(
  [...CYCLE_FIGURES, ...OTHER_FIGURES].map((f) => [f.key, f]),
);
export const figure = (key: CycleKey | OtherKey): FigureDefinition => ALL[key];

/** Every definition, in the order the page lists them. */
export const DEFINITIONS: readonly FigureDefinition[] = [...CYCLE_FIGURES, ...OTHER_FIGURES];
