// The CLI's help text: the whole list, and one command's entry (`jxmb <命令> --help`).
import { APP_INFO } from '../app-info.ts';
import { defaultDbPath } from '../paths.ts';

export const USAGE = `绩效目标填报 ${APP_INFO.version} — 命令行

用法：jxmb <命令> [选项]        （开发时：npm run cli -- <命令> [选项]）

  init                                 创建数据库（已存在则检查并打开）
  demo                                 载入示例数据（四份已公开文件中的全部表格，单位标记为“示例”）
  remove-samples [--force]             删除全部示例单位及其数据（其中有本机新建、导入或修改的表时须加 --force）
  unit add --code 382101 --name 名称 [--supervisor 303-主管部门] [--region 忻州市]
  unit list                            列出单位
  list [--unit 编码 --year 年度]        列出单位与年度，或某单位某年度的项目
  show <项目标识> [--json]              显示一张项目表
  validate [--unit 编码 --year 年度 | --id 项目标识] [--json]
                                       审核；有错误时退出码为 1
  explain <项目标识> <审核项> <说明> [--force]
                                       为警告填写说明（说明为空则删除）
  fix <项目标识> <审核项> [--force]     采纳审核给出的修改建议
                                       已审核、已报送、已通过的表须加 --force，修改后变回草稿
  status <项目标识> <draft|checked>     改变状态（有错误、未说明的警告或未确认的上年内容时拒绝；
                                       “已报送”在打包时自动标记）
  settings --unit 编码 --year 年度 [--template A|B|C|D] [--system legacy|caiyu2021] [--profile default|strict|dept-whole]
                                       单位年度设置（表样、指标体系、审核规则）：查看，或修改（记入修改记录）
  convert <项目标识> [--template 表样] [--system 指标体系] [--yes] [--force]
                                       转换表样（默认转换为单位年度设置）：先列出对应关系和会被清除的内容，
                                       加 --yes 执行
  copy-year --unit 编码 --year 年度 [--from 来源年度]
                                       复制上年：来源年度（默认上一年）的项目表和部门整体绩效目标，
                                       复制来的内容标出，确认后才能审核、报送
  copy-table <项目标识> --year 目标年度  把另一年度的一张表复制到目标年度（同一单位）
  import <文件.json>                    导入交换文件（全部成功或全部不导入）
  export --out <文件.json> [--unit 编码] [--year 年度]
                                       导出交换文件
  export-docx --out <文件.docx|.html> (--id 项目标识 | --unit 编码 --year 年度 |
              [--supervisor 主管部门代码或名称] [--units 编码,编码…] --year 年度)
              [--kind 公开稿|报送稿] [--sign 每张表下|汇编末尾]
                                       导出正式文件：一张项目表、单位年度汇编或主管部门汇编；
                                       报送稿带封面（单位（盖章））和签字栏（负责人、经办人、联系电话、填报日期）；
                                       不给 --kind/--sign 时按单位年度设置中的打印稿
  schema                               输出交换文件的 JSON Schema
  audit [--id 项目标识] [--limit N]     查看修改记录
  pack --unit 编码 --year 年度 --out <文件夹> [--force]
                                       打包报送包（.jxmb，写入后读回校验；有错误或未确认的上年内容时拒绝），
                                       记录报送并把各表标记为“已报送”
  inspect <文件.jxmb>                   查看报送包：报送单位、年度、打包时间（不导入）
  import-package <文件.jxmb | 文件夹> [--unit 编码] [--year 年度]
                                       接收报送包（可整个文件夹）；重复的不再导入，新版本保留历史
  received [--unit 编码] [--year 年度]  已接收报送包的历史（接收编号、报送次数、打包与接收时间）
  make-current <接收编号>               将某个接收的版本设为当前版本
  summary --out <文件.xlsx> [--year 年度] [--book <文件.docx>]
                                       已接收报送的汇总表（及合订的 Word 文件）
  review show --unit 编码 --year 年度 [--json]
                                       审核单位：各表的等级、结论、意见及填报单位的答复
  review summary --year 年度 [--json]  审核单位：各单位的审核状态（含部门整体绩效目标的结论）
  review set <项目标识> [--grade 优|良|中|差] [--verdict pass|return] --by 审核人
                                       审核单位：记录一张表的等级与结论（通过 / 退回修改）；
                                       部门整体绩效目标的标识为 dept:单位编码:年度（见 review show）
  review opinion <项目标识> <完整性|相关性|适当性|可行性> <意见> [--grade 等级] --by 审核人
  review comment <项目标识> <意见> [--path 字段路径] --by 审核人
                                       在表、字段或指标行上记一条意见（指标行按行标识定位）
  review findings <项目标识> --by 审核人
                                       把该表的审核结果一次转为意见
  review overall --unit 编码 --year 年度 --grade 等级 [--text 总体意见] --by 审核人
  review return --unit 编码 --year 年度 --out <文件夹> --by 审核人
                                       写退回包（写入后读回校验）
  review import <退回包.jxmb>           填报单位：导入退回包（各表变为“退回修改”或“已通过”）
  review comments <项目标识> [--json]   填报单位：该表最近一次退回的意见与答复
  review answer <项目标识> <意见编号> (--handled | --note 说明)
                                       填报单位：标记已处理，或填写说明（随下次报送带给审核单位）
  review history <项目标识> [--json]    该表的经过：提交 1 → 退回 → 提交 2 → 通过（日期、校验值）
  review diff <项目标识> [--from 报送次数] [--json]
                                       该表与上一次报送相比改了什么，各处修改答复了哪条意见（审核单位：接收的报送；
                                       填报单位：本单位的报送，--from 选较早的一次）
  review print --unit 编码 --year 年度 --out <文件.docx|.html>
                                       审核单位：绩效目标审核意见表（Word 或打印网页）
  review forward <报送包.jxmb>… --out <文件夹> --by 审核人
                                       主管部门：把所属单位的报送包（原样）连同本级审核意见转报财政局
  review import-forward <转报包.jxmb>   财政局：接收转报包（各单位的报送包与主管部门初审意见）
  review import-upper <退回包.jxmb>     主管部门：导入财政局对所属单位报送的退回包（记入各表经过，随本级退回包转给单位）
  yearly create (--id 项目标识 | --unit 编码 --year 年度)
                                       由已填报的绩效目标生成绩效运行监控表和绩效自评表（目标不改动）
  yearly show <项目标识> [--kind 监控|自评] [--out 文件.json]
                                       显示或写出一张表（JSON，填好后用 yearly save 保存）
  yearly save <文件.json>               保存填好的监控表或自评表（先校验，有误不保存）
  yearly validate <项目标识> [--kind 监控|自评] [--json]
                                       审核并评分（自评表逐项得分、执行率、总分和等级）；有错误时退出码为 1
  yearly regenerate --id 项目标识 [--yes]
                                       表在绩效目标通过审核前生成：列出按已通过版本重新生成的改动；加 --yes 才重新生成（保留已填内容）
  yearly export --out <文件.docx|.html|.xlsx> (--id 项目标识 | --unit 编码 --year 年度) [--kind 监控|自评|全部]
                                       按印制格式导出监控表和自评表（.xlsx：单位年度的两张表）
  yearly execution <文件.xlsx> --unit 编码 --year 年度 [--kind 监控|自评] [--yes]
                                       从国库支付或会计系统导出的表格读取执行数（按项目编码或名称匹配；加 --yes 才填入）
  dept-eval create --unit 编码 --year 年度
                                       由部门整体绩效目标生成部门整体绩效自评表（审核规则要求部门整体自评时，如 --profile dept-whole）
  dept-eval show --unit 编码 --year 年度 [--out 文件.json]   dept-eval save <文件.json>
                                       写出 / 保存部门整体绩效自评表（先校验，有误不保存）
  dept-eval validate --unit 编码 --year 年度 [--json]
                                       审核并评分（逐项得分、执行率、总分和等级）；有错误时退出码为 1
  dept-eval export --unit 编码 --year 年度 --out <文件.docx|.html>
                                       按印制格式导出部门整体绩效自评表
  backup                               立即备份数据库
  backups                              列出备份
  restore <备份文件>                    从备份恢复（会先备份当前数据库）

通用选项：--db <数据库文件>（默认 ${defaultDbPath()}；也可用环境变量 JXMB_DB）
`;


/** The lines of USAGE that describe one command (each of its entries and the continuation lines under them). */
export function helpFor(name: string): string {
  const out: string[] = [];
  let inEntry = false;
  for (const l of USAGE.split('\n')) {
    if (l.startsWith(`  ${name} `) || l === `  ${name}`) inEntry = true;
    else if (!/^ {10,}\S/.test(l)) inEntry = false;
    if (inEntry) out.push(l);
  }
  if (out.length === 0) return USAGE;
  return `用法：jxmb ${out.join('\n').trim()}\n\n通用选项：--db <数据库文件>（默认 ${defaultDbPath()}；也可用环境变量 JXMB_DB）`;
}
