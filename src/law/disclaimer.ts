/** Said by every output that touches the law. */
export const NOT_LEGAL_ADVICE = {
  zh: '本工具不构成法律意见。法条摘自公开的非官方文本，使用前请核对官方文本，并咨询律师或法律援助机构。',
  en: 'This is not legal advice. The statutes are quoted from public, unofficial copies: check the official texts and ask a lawyer or legal-aid group.',
};
