// The defen ruleset language: one yearly scoring standard (评分标准) per file.
//
// Newlines carry no meaning; statements in a block may be separated by ；/;.
// Keywords are Chinese with English aliases; symbols come in full-width and
// half-width forms. A name (指标、输入、令) is a run of letters (CJK included),
// digits, '_' and '%' that does not start with a digit; names containing other
// characters are quoted 「…」 or `…`. Keywords must be separated from names
// by spaces (若 有下属单位 则 …), since both are made of the same letters.
grammar Defen;

@parser::members {
  // Inside a band table, a line that starts with + or - starts a new band
  // ("-15% ＜ 结果 ≤ -10% → 2分"); it does not continue the value above it.
  // Elsewhere a formula may continue on a line that starts with an operator.
  int bandDepth = 0;
  bool operatorContinuesLine() {
    if (bandDepth == 0) return true;
    antlr4::Token* op = _input->LT(1);
    antlr4::Token* prev = _input->LT(-1);
    return prev == nullptr || prev->getLine() == op->getLine();
  }
}

file : item* EOF ;

item
  : K_NAME STRING                                   # nameItem
  | K_REGION STRING                                 # regionItem
  | K_YEAR QUANTITY                                 # yearItem
  | K_VERSION (STRING | QUANTITY)                   # versionItem
  | K_TOTAL QUANTITY                                # totalItem
  | K_ROUNDING K_HALF_UP QUANTITY                   # roundingItem
  | K_GRADES LBRACE (gradeBand sep?)* RBRACE        # gradesItem
  | K_INPUTS LBRACE (inputDecl sep?)* RBRACE        # inputsItem
  | letDecl                                         # letItem
  | indicator                                       # indicatorItem
  | bonusBlock                                      # bonusItem
  | K_BASED_ON baseRef                              # baseItem
  | checkBlock                                      # checkItemTop
  | K_MODIFY K_INDICATOR name QUANTITY? modifyBody? # modifyItem
  | K_REMOVE kind=(K_INDICATOR | K_INPUTS | K_LET) name ((COMMA | LISTSEP) name)*  # removeItem
  | sep                                             # emptyItem
  ;

// 基于 zhanjiang-2022-dept: the base standard, <name>.rules beside this file.
// A file name is not a name of the language (it has '-'), so it is read as the
// run of tokens it lexes to; the parser checks they touch (no spaces inside).
baseRef : STRING | (ID | QUANTITY | MINUS)+ ;
// 修改 指标 结转结余率 2分 { 分段 … }: the parts stated replace the base's.
modifyBody : LBRACE (indicatorPart sep?)* RBRACE ;

gradeBand : name interval ;

// 收入预算数：金额（元）  /  市委督查得分：数值，缺失时 满分  /  批复：枚举｛按时、超时、未批复｝
// 支出完成率：比率（百分数），范围 [0%, 200%]，通常 [50%, 120%]: a data cell without % reads as
// a percentage (95 = 95%); 比率（小数） reads it as a fraction (0.95 = 95%); plain 比率 refuses it.
inputDecl : columnName COLON typeSpec inputOption* ;
// A row set's columns are the form's own headings, 分值 and 得分 among them.
columnName : name | K_FULL | K_SCORE | K_NAME ;
typeSpec
  : K_MONEY (LPAREN unit=(K_YUAN | K_WANYUAN) RPAREN)?   # moneyType
  | K_RATIO (LPAREN reading=(K_FRACTION | K_PERCENTAGE) RPAREN)?  # ratioType
  | K_COUNT                                              # countType
  | K_NUMBER                                             # numberType
  | K_BOOL                                               # boolType
  | K_REVIEW_SCORE                                       # reviewType
  | K_ENUM LBRACE name ((COMMA | LISTSEP) name)* RBRACE  # enumType
  | K_TEXT                                               # textType
  | K_POINTS                                             # pointsType
  | K_TARGET                                             # targetType
  | K_ACHIEVED LPAREN name RPAREN                        # achievedType
  | K_ROWSET LBRACE (inputDecl sep?)* RBRACE             # rowSetType
  ;
inputOption
  : COMMA? K_IF_MISSING missingPolicy                    # missingOption
  | COMMA? K_RANGE interval                              # rangeOption
  | COMMA? K_USUALLY interval                            # usualOption
  ;
missingPolicy : K_FULL | QUANTITY | K_NA | K_ERROR ;

// 令 支出完成率 = 年度实际支出 ÷ 财政下达预算数
letDecl : K_LET name EQ expr ;

// 指标 支出完成率 4分 { … }
indicator : K_INDICATOR name QUANTITY LBRACE (indicatorPart sep?)* RBRACE ;
indicatorPart
  : indicator                                            # childPart
  | letDecl                                              # letPart
  | K_NA K_WHEN expr ARROW naPolicy                      # naPart
  | K_NOTE STRING                                        # notePart
  | K_EXPLAIN_AS STRING                                  # explainPart
  | K_SCORE EQ expr                                     # formulaPart
  | bandTable                                            # bandPart
  | K_CHECKLIST LBRACE (checkItem sep?)* RBRACE          # checklistPart
  | K_DEDUCT_BLOCK LBRACE (deduction sep?)* RBRACE (COMMA? K_AT_MOST QUANTITY)?  # deductPart
  | K_REVIEW (LBRACE (reviewTier sep?)* RBRACE)?         # reviewPart
  | K_PER_ROW name LBRACE (rowPart sep?)* RBRACE         # perRowPart
  ;

// 逐行 绩效指标 { 分组 一级指标、二级指标；名称 三级指标；分值 分值；自评 得分；得分 = … }:
// one line of the indicator tree per row of the row set, its 分值 from the data.
rowPart
  : K_GROUP columnName ((COMMA | LISTSEP) columnName)*   # rowGroupPart
  | K_NAME columnName                                    # rowNamePart
  | K_FULL columnName                                    # rowWeightPart
  | K_SELF columnName                                    # rowSelfPart
  | K_NOTE columnName                                    # rowNotePart
  | K_RULE_STANDS                                        # rowRuleStandsPart
  | K_GROUP_WEIGHTS LBRACE (name QUANTITY sep?)* RBRACE  # rowGroupWeightsPart
  | K_REVIEW K_WHEN expr K_BY columnName LBRACE (reviewTier sep?)* RBRACE  # rowReviewPart
  | letDecl                                              # rowLetPart
  | K_SCORE EQ expr                                      # rowFormulaPart
  | checkBlock                                           # rowCheckPart
  ;

// 校验 { 错误 "…" 当 …；提示 "未达到90%的需说明原因" 当 … }
checkBlock : K_VALIDATE LBRACE (checkLine sep?)* RBRACE ;
checkLine : level=(K_FAULT | K_HINT) STRING K_WHEN expr ;
naPolicy
  : K_FULL                                               # naFull
  | K_RESCALE                                            # naRescale
  | K_MOVE_TO name ((COMMA | LISTSEP) name)*             # naMove
  ;

// 分段 支出完成率 { 结果 = 100% → 4分；100% ＞ 结果 ≥ 90% → 3分；… }
bandTable : K_BANDS expr LBRACE {bandDepth++;} (band sep?)* RBRACE {bandDepth--;} ;
band : bandPattern ARROW expr ;
bandPattern
  : interval                                             # intervalPattern
  | K_ELSE                                               # elsePattern
  | cmpOp expr                                           # halfPattern
  | expr                                                 # exprPattern
  ;

// 逐项 { 项目库按要求储备 → 1分；… }
checkItem : expr ARROW expr ;

// 扣分 { 差异率 每 5% 扣 0.5分，不足 进一；扣 0.5分 × 问题数 }
deduction
  : expr K_PER expr K_DEDUCT expr (COMMA? K_PARTIAL partial=(K_CEIL | K_FLOOR | K_LINEAR))?   # stepDeduction
  | K_DEDUCT expr                                                                          # plainDeduction
  ;

// 评审 { 达成 [80%, 100%]；部分达成 [60%, 80%)；未达成 [0, 60%) }
reviewTier : name interval ;

// 加减分 工作表现加减分指标 { 加分 表彰次数 × 1分，最多 3分；减分 问责次数 × 2分，最多 6分 }
bonusBlock : K_BONUS name LBRACE (bonusLine sep?)* RBRACE ;
bonusLine : kind=(K_PLUS_POINTS | K_MINUS_POINTS) expr (COMMA? K_AT_MOST QUANTITY)? ;

interval : open=(LBRACK | LPAREN) bound (COMMA) bound close=(RBRACK | RPAREN) ;
bound : expr | INFINITY | MINUS INFINITY | PLUS INFINITY ;

expr
  : primary                                              # atomExpr
  | MINUS expr                                           # negExpr
  | expr op=(MUL | DIV) expr                             # mulExpr
  | expr {operatorContinuesLine()}? op=(PLUS | MINUS) expr  # addExpr
  | expr cmpOp expr                                      # cmpExpr
  | K_NOT expr                                           # notExpr
  | expr K_AND expr                                      # andExpr
  | expr K_OR expr                                       # orExpr
  | K_IF expr K_THEN expr K_ELSE expr                    # ifExpr
  ;

primary
  : QUANTITY                                             # numberLit
  | K_TRUE                                               # trueLit
  | K_FALSE                                              # falseLit
  | K_FULL                                               # weightRef
  | K_RESULT                                             # resultRef
  | STRING                                               # stringLit
  | fname LPAREN name (COLON expr (COMMA? K_WHEN expr)? | COMMA? K_WHEN expr) RPAREN  # aggregateExpr
  | fname LPAREN (expr ((COMMA | LISTSEP) expr)*)? RPAREN # callExpr
  | name                                                 # nameRef
  | LPAREN expr RPAREN                                   # parenExpr
  | bandTable                                            # bandExpr
  ;

cmpOp : GE | GT | LE | LT | EQ | NE ;
name : ID | QUOTED_ID ;
// Function names that are also keywords elsewhere: 四舍五入(x, 2), ceil(x), floor(x), count(…).
fname : name | K_HALF_UP | K_CEIL | K_FLOOR | K_COUNT ;
sep : SEMI ;

// ---------------------------------------------------------------- lexer ----
// Keywords come before ID so that, at equal length, the keyword wins; a longer
// name that merely starts with a keyword (分配合理) is still a name.
K_NAME         : '名称' | 'name' ;
K_REGION       : '地区' | 'region' ;
K_YEAR         : '年度' | 'year' ;
K_VERSION      : '版本' | 'version' ;
K_TOTAL        : '总分' | 'total' ;
K_ROUNDING     : '舍入' | 'rounding' ;
K_HALF_UP      : '四舍五入' | 'half_up' ;
K_GRADES       : '等级' | 'grades' ;
K_INPUTS       : '输入' | 'inputs' ;
K_LET          : '令' | 'let' ;
K_INDICATOR    : '指标' | 'indicator' ;
K_NA           : '不考核' | '不适用' | 'not_applicable' ;
K_WHEN         : '当' | 'when' ;
K_NOTE         : '说明' | 'note' ;
K_EXPLAIN_AS   : '评分说明' | 'explain_as' ;
K_SCORE        : '得分' | 'score' ;
K_BANDS        : '分段' | 'bands' ;
K_CHECKLIST    : '逐项' | 'checklist' ;
K_DEDUCT_BLOCK : '扣分' | 'deductions' ;
K_DEDUCT       : '扣' | 'deduct' ;
K_PER          : '每' | 'per' ;
K_PARTIAL      : '不足' | 'partial' ;
K_CEIL         : '进一' | 'ceil' ;
K_FLOOR        : '舍去' | 'floor' ;
K_LINEAR       : '按比例' | 'linear' ;
K_AT_MOST      : '最多' | 'at_most' ;
K_REVIEW       : '评审' | 'review' ;
K_BONUS        : '加减分' | 'bonus' ;
K_PLUS_POINTS  : '加分' | 'add' ;
K_MINUS_POINTS : '减分' | 'subtract' ;
K_FULL         : '满分' | '分值' | 'full' | 'weight' ;
K_RESCALE      : '折算' | 'rescale' ;
K_MOVE_TO      : '转入' | 'move_to' ;
K_IF_MISSING   : '缺失时' | 'if_missing' ;
K_RANGE        : '范围' | 'range' ;
K_USUALLY      : '通常' | 'usually' ;
K_ERROR        : '报错' | 'error' ;
K_MONEY        : '金额' | 'money' ;
K_YUAN         : '元' | 'yuan' ;
K_WANYUAN      : '万元' | 'wan_yuan' ;
K_RATIO        : '比率' | 'ratio' ;
K_FRACTION     : '小数' | 'fraction' ;
K_PERCENTAGE   : '百分数' | 'percent' ;
K_COUNT        : '数量' | 'count' ;
K_NUMBER       : '数值' | 'number' ;
K_BOOL         : '是否' | 'bool' ;
K_REVIEW_SCORE : '评审分' | 'review_score' ;
K_ENUM         : '枚举' | 'enum' ;
K_BASED_ON     : '基于' | 'based_on' ;
K_MODIFY       : '修改' | 'modify' ;
K_REMOVE       : '删除' | 'remove' ;
K_RESULT       : '结果' | 'x' ;
K_ELSE         : '否则' | '其他' | 'else' ;
K_IF           : '若' | '如果' | 'if' ;
K_THEN         : '则' | 'then' ;
K_AND          : '且' | '并且' | 'and' ;
K_OR           : '或' | '或者' | 'or' ;
K_NOT          : '非' | 'not' ;
K_TRUE         : '是' | 'true' ;
K_TEXT         : '文字' | 'text' ;
K_POINTS       : '分数' | 'points' ;
K_TARGET       : '指标值' | 'target_value' ;
K_ACHIEVED     : '完成值' | 'achieved_value' ;
K_ROWSET       : '行集' | 'rowset' ;
K_PER_ROW      : '逐行' | 'per_row' ;
K_GROUP        : '分组' | 'group_by' ;
K_GROUP_WEIGHTS : '分组分值' | 'group_weights' ;
K_SELF         : '自评' | 'self_score' ;
K_RULE_STANDS  : '以规则为准' | 'rule_stands' ;
K_BY           : '按' | 'by_column' ;
K_VALIDATE     : '校验' | 'validate' ;
K_FAULT        : '错误' | 'fault' ;
K_HINT         : '提示' | 'hint' ;
K_FALSE        : '否' | 'false' ;

GE     : '≥' | '>=' | '⩾' | '＞＝' ;
LE     : '≤' | '<=' | '⩽' | '＜＝' ;
NE     : '≠' | '!=' ;
GT     : '>' | '＞' ;
LT     : '<' | '＜' ;
EQ     : '=' | '＝' | '==' ;
ARROW  : '→' | '->' | '=>' ;
PLUS   : '+' | '＋' ;
MINUS  : '-' | '－' | '−' ;
MUL    : '×' | '*' | '＊' ;
DIV    : '÷' | '/' | '／' ;
LPAREN : '(' | '（' ;
RPAREN : ')' | '）' ;
LBRACK : '[' | '［' | '【' ;
RBRACK : ']' | '］' | '】' ;
LBRACE : '{' | '｛' ;
RBRACE : '}' | '｝' ;
COMMA  : ',' | '，' ;
LISTSEP: '、' ;
COLON  : ':' | '：' ;
SEMI   : ';' | '；' ;
INFINITY : '∞' | '无穷' | 'inf' ;

// A number with its unit attached: 4分 0.5分 90% 3,974,522.77元 12万元 5项 2位.
// ',' groups are taken only where they cannot be a list separator: the
// number must end in a fraction or a money unit, and never start with 0 —
// so [90,100] and 最大(90,100,200) are lists, 3,974,522.77 and 12,000元 are one number.
QUANTITY : NUMBER_BODY UNIT? ;
fragment NUMBER_BODY
  : [1-9] DIGIT? DIGIT? (',' DIGIT DIGIT DIGIT)+ '.' DIGIT+
  | [1-9] DIGIT? DIGIT? (',' DIGIT DIGIT DIGIT)+ ('元' | '万元')
  | DIGIT+ ('.' DIGIT+)?
  ;
fragment UNIT : '%' | '％' | '‰' | '分' | '元' | '万元' | '项' | '个' | '件' | '次' | '天' | '位' ;
fragment DIGIT : [0-9] ;

STRING : '"' (~["\\\r\n] | '\\' .)* '"' | '“' (~[”\r\n])* '”' ;
QUOTED_ID : '「' (~[」\r\n])+ '」' | '`' (~[`\r\n])+ '`' ;
ID : ID_START ID_PART* ;
fragment ID_START : [a-zA-Z_] | [\u3400-\u4DBF] | [\u4E00-\u9FFF] | [\uF900-\uFAFF] ;
fragment ID_PART  : ID_START | DIGIT | '%' | '％' | '·' ;

COMMENT : ('#' | '＃' | '//') ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS : [ \t\r\n\u3000\u00A0\uFEFF]+ -> channel(HIDDEN) ;
ERROR_CHAR : . ;
