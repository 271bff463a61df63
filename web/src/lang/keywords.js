// The keywords of the defen language, taken from the lexer in grammar/Defen.g4
// (Chinese and English spellings). Grouped by the highlighting they get; a word
// is a keyword only when the whole identifier-like run equals it, exactly as
// the ANTLR lexer's longest-match rule decides (分配合理 is a name, 分配 is not
// a keyword either way).

export const declarationKeywords = [
  '名称', 'name', '地区', 'region', '年度', 'year', '版本', 'version', '总分', 'total',
  '舍入', 'rounding', '等级', 'grades', '输入', 'inputs', '令', 'let', '指标', 'indicator',
  '基于', 'based_on', '修改', 'modify', '删除', 'remove', '加减分', 'bonus',
];

export const blockKeywords = [
  '说明', 'note', '评分说明', 'explain_as', '得分', 'score', '分段', 'bands', '逐项', 'checklist',
  '扣分', 'deductions', '扣', 'deduct', '每', 'per', '不足', 'partial', '进一', 'ceil', '舍去', 'floor',
  '按比例', 'linear', '最多', 'at_most', '评审', 'review', '加分', 'add', '减分', 'subtract',
  '折算', 'rescale', '转入', 'move_to', '缺失时', 'if_missing', '范围', 'range', '通常', 'usually', '报错', 'error',
  '四舍五入', 'half_up',
];

export const controlKeywords = [
  '不考核', '不适用', 'not_applicable', '当', 'when', '否则', '其他', 'else', '若', '如果', 'if',
  '则', 'then',
];

export const operatorKeywords = ['且', '并且', 'and', '或', '或者', 'or', '非', 'not'];

export const atoms = ['是', 'true', '否', 'false', '满分', '分值', 'full', 'weight', '结果', 'x', '无穷', 'inf'];

export const typeNames = [
  '金额', 'money', '元', 'yuan', '万元', 'wan_yuan', '比率', 'ratio', '小数', 'fraction', '百分数', 'percent', '数量', 'count', '数值', 'number',
  '是否', 'bool', '评审分', 'review_score', '枚举', 'enum',
];

// After these a name is being declared (指标 支出完成率 / 令 x = …).
export const definingKeywords = new Set(['指标', 'indicator', '令', 'let', '加减分', 'bonus']);

function table() {
  const byWord = new Map();
  const add = (words, style) => words.forEach((w) => byWord.set(w, style));
  add(declarationKeywords, 'definitionKeyword');
  add(blockKeywords, 'keyword');
  add(controlKeywords, 'controlKeyword');
  add(operatorKeywords, 'operatorKeyword');
  add(atoms, 'atom');
  add(typeNames, 'typeName');
  return byWord;
}

export const keywordStyle = table();

// Words offered by completion; Chinese spellings first, they are what users write.
export const completionWords = [
  ...declarationKeywords, ...blockKeywords, ...controlKeywords, ...operatorKeywords, ...atoms, ...typeNames,
].filter((w) => /[^\x00-\x7f]/.test(w));
