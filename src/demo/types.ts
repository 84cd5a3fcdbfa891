import type { ModelStatus, ModelType } from '../db/schema.js';
import type { FieldCode, IndicatorKindCode } from '../reference/vocabulary.js';

export interface UnitRef {
  code: string;
  name: string;
  fullName: string;
}

/** What the demo generator may draw places from; built from the loaded reference data. */
export interface DemoPlaces {
  /** Current communes of each current province, by province code. */
  communesByProvince: Map<string, UnitRef[]>;
  /** Former communes of each former province, by former province code (with a successor). */
  formerCommunesByFormerProvince: Map<string, UnitRef[]>;
  provinceNames: Map<string, string>;
  formerProvinceNames: Map<string, string>;
}

export interface DemoRecognition {
  year: number;
  level: 'commune' | 'province' | 'central';
  grade: 'tot' | 'kha';
  decisionNumber?: string;
  decisionDate?: string; // YYYY-MM-DD
}

export interface DemoCommendation {
  form: 'bang_khen' | 'giay_khen' | 'bieu_duong' | 'other';
  issuingBody: string;
  level: 'commune' | 'province' | 'central';
  decisionNumber?: string;
  decisionDate?: string;
  note?: string;
}

export interface DemoModelSpec {
  type: ModelType;
  title: string;
  fieldCode: FieldCode;
  /** Current province code (always). */
  provinceCode: string;
  /** Set when the model was registered under a former province (e.g. '44' Quảng Bình → current '44' Quảng Trị). */
  formerProvinceCode?: string;
  /** Exactly one of communeCode (current) or formerCommuneCode (registered before 1 July 2025) is set. */
  communeCode?: string;
  formerCommuneCode?: string;
  startedYear: number;
  status: ModelStatus;
  /** Approved models have at least one; the first year is the model's recognised year. Sorted by year. */
  recognitions: DemoRecognition[];
  /** Codes from DEMO_MOVEMENTS or MAIN_MOVEMENT; 'dan-van-kheo' is always included by the loader. */
  movementCodes: string[];
  summary: string;
  situation: string;
  goals: string;
  beneficiaries: string;
  activities: string;
  leadBodies: string;
  partnerBodies: string;
  resourcesMoneyMillion?: number;
  resourcesWorkDays?: number;
  resourcesNonState: string;
  results: string;
  sustainability: string;
  holderName: string;
  holderRole: string;
  publishConsent: boolean;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  indicators: { kindCode?: IndicatorKindCode; name: string; value: number; unit: string }[];
  commendations: DemoCommendation[];
  /** For status 'returned' (reviewer's comment) or 'rejected' (reason). */
  reviewComment?: string;
}
