import { XMLParser } from '/work/main/node_modules/fast-xml-parser/src/fxp.js';
const n = 100000;
const parts = ['<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr><Stmt><Id>S</Id>'];
for (let i = 0; i < n; i++) parts.push(`<Ntry><Amt Ccy="EUR">${i}.12</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2024-01-02</Dt></BookgDt><ValDt><Dt>2024-01-02</Dt></ValDt><AcctSvcrRef>REF${i}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs><EndToEndId>E2E${i}</EndToEndId></Refs><RltdPties><Dbtr><Pty><Nm>Name ${i}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>Invoice ${i}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`);
parts.push('</Stmt></BkToCstmrStmt></Document>');
const x = parts.join('');
const opts = { ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, processEntities: true, htmlEntities: true, jPath: false };
let t = performance.now();
const p = new XMLParser({ ...opts, stopNodes: ['..Ntry'] });
const o = p.parse(x);
const ntries = o.Document.BkToCstmrStmt.Stmt.Ntry;
console.log('skeleton ms', Math.round(performance.now() - t));
const q = new XMLParser(opts);
for (const chunk of [1, 100, 1000]) {
  t = performance.now();
  let c = 0;
  for (let i = 0; i < ntries.length; i += chunk) {
    const r = q.parse('<B>' + ntries.slice(i, i + chunk).map((e) => '<Ntry>' + e + '</Ntry>').join('') + '</B>');
    c += Array.isArray(r.B.Ntry) ? r.B.Ntry.length : 1;
  }
  console.log('chunk', chunk, 'ms', Math.round(performance.now() - t), c);
}
t = performance.now();
new XMLParser(opts).parse(x);
console.log('whole ms', Math.round(performance.now() - t));
