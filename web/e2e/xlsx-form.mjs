// A 项目支出绩效自评表 as a unit saves it from Excel, for the end-to-end test
// to upload: one sheet per project, cells placed as on the national form
// (defen reads it by its labels, compiler/io/project_form_xlsx.h). Written as the
// smallest valid .xlsx — a zip of stored parts, text as inline strings — so the
// test needs no spreadsheet library.
import zlib from 'node:zlib';

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const column = (i) => String.fromCharCode(65 + i);  // A…Z: the form is ten columns wide

// rows: arrays of cells; a number is a number cell, a string an inline string, null a blank.
function sheetXml(rows) {
  const body = rows.map((cells, r) => `<row r="${r + 1}">${cells.map((v, c) => {
    if (v === null || v === undefined || v === '') return '';
    const ref = `${column(c)}${r + 1}`;
    return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escape(v)}</t></is></c>`;
  }).join('')}</row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

// A zip of stored (uncompressed) entries: local headers, then the central directory.
function zip(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(20, 4); entry.writeUInt16LE(20, 6); entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt32LE(crc, 16); entry.writeUInt32LE(data.length, 20); entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28); entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

// The workbook of one sheet named `sheet` holding `rows`.
export function xlsxOf(sheet, rows) {
  const ns = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const officeRel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zip([
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}"><Relationship Id="rId1" Type="${officeRel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${officeRel}"><sheets><sheet name="${escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}"><Relationship Id="rId1" Type="${officeRel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
    ['xl/worksheets/sheet1.xml', sheetXml(rows)],
  ]);
}

// The 委托业务项目 filled in: 预算执行率 10 + 产出 50 + 效益 30 + 满意度 10. The unit
// gives itself 24 of 30 where the rule gives 2 ÷ 3 × 30 = 20, and leaves the
// 满意度 得分 blank (the rule's 93 ÷ 95 × 10 = 9.79 stands): 总分 93.79, by the
// rules alone 89.79.
export function filledForm() {
  const rows = [
    ['项目支出绩效自评表'],
    ['（2022年度）'],
    ['项目名称', '委托业务项目'],
    ['主管部门', '某市住房和城乡建设局', null, null, '实施单位', '某市建设工程服务中心'],
    ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', 90, 89.974, 89.974],
    [null, '其中：当年财政拨款', 90, 89.974, 89.974],
    ['年度总体目标', '预期目标', null, null, '实际完成情况'],
    [null, '完成50个基建工程委托业务', null, null, '完成50个'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    [null, '产出指标', '数量指标', '基建工程委托业务项目数量', '≥50个', '50', 50, 50],
    [null, '效益指标', '可持续影响指标', '项目成果持续发挥作用年限', '≥3年', '2', 30, 24, '部分成果尚在验证'],
    [null, '满意度指标', '服务对象满意度指标', '委托单位满意度', '≥95%', '93', 10, null, '部分委托单位对时效有意见'],
    ['总分', null, null, null, null, null, 100],
  ];
  return xlsxOf('委托业务项目', rows);
}
