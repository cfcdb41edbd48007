/** #/cases/ID/documents — make a document from the case (platform notice, police report, complaint…), preview, download. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Form, Input, List, Row, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, type ApiError, type MadeDocument } from '../api';
import { Disclaimer, ErrorNotice, Loading, NotAllowed, PageTitle, useOpenCase, useShell } from '../components/common';
import { asApiError, useLoad } from '../hooks';
import { half, useLang } from '../i18n';
import { href } from '../router';

export default function DocumentsPage({ caseId, kind: wanted }: { caseId: string; kind: string | null }) {
  const { tr, pick, lang } = useLang();
  useOpenCase(caseId);
  const { may } = useShell();
  const kinds = useLoad(() => api.documentKinds(), []);
  const [kind, setKind] = useState(wanted ?? '');
  const [date, setDate] = useState('');
  const [doc, setDoc] = useState<MadeDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const list = kinds.data?.kinds ?? [];

  useEffect(() => {
    if (!kind && list.length) setKind(list.find((k) => k.id === wanted)?.id ?? list[0]!.id);
  }, [list, kind, wanted]);

  const make = async () => {
    if (!kind) return;
    setBusy(true);
    setError(null);
    try {
      setDoc(await api.makeDocument(caseId, kind, date || undefined));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const current = list.find((k) => k.id === doc?.kind);

  return (
    <>
      <PageTitle sub={tr('固证从案件事实和证据生成文书草稿。请仔细核对，填好空白，必要时请律师审阅。', 'guzheng drafts the document from the case facts and evidence. Check it carefully, fill in the blanks, and have a lawyer review it if you can.')}>
        {tr('文书', 'Documents')}
      </PageTitle>
      <Disclaimer prominent />
      {may('work') ? null : <NotAllowed need="work" doing={{ zh: '不能生成文书', en: 'you cannot make documents' }} />}
      {may('work') ? <Card>
        {kinds.loading && !kinds.data ? <Loading rows={2} /> : null}
        <ErrorNotice error={kinds.error} onRetry={kinds.reload} what={tr('无法读取文书种类', 'Cannot read the kinds of document')} />
        {kinds.data && list.length === 0 ? <Empty description={tr('没有可用的文书种类。', 'No kind of document is available.')} /> : null}
        {list.length ? (
          <Form layout="vertical" onFinish={make}>
            <Row gutter={[16, 0]} align="bottom">
              <Col xs={24} md={12}>
                <Form.Item label={tr('文书种类', 'Kind of document')} htmlFor="doc-kind">
                  <select id="doc-kind" data-testid="doc-kind" className="native-select" style={{ width: '100%' }} value={kind}
                    onChange={(e) => { setKind(e.target.value); setDoc(null); }}>
                    {list.map((k) => <option key={k.id} value={k.id}>{pick(k)}</option>)}
                  </select>
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item label={tr('文书日期（可不填）', 'Date on the document (optional)')} htmlFor="doc-date" tooltip={tr('不填就用今天。', 'Empty: today.')}>
                  <Input id="doc-date" data-testid="doc-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item>
                  <Button type="primary" htmlType="submit" loading={busy} block data-testid="make-doc">{tr('生成文书', 'Make the document')}</Button>
                </Form.Item>
              </Col>
            </Row>
          </Form>
        ) : null}
        <ErrorNotice error={error} what={tr('文书没有生成', 'The document was not made')} />
        {error?.code === 'E_FACTS' ? <a href={href('cases', caseId, 'facts')}>{tr('去修改案件事实 →', 'Edit the case facts →')}</a> : null}
      </Card> : null}

      {busy ? <Card style={{ marginTop: 16 }}><Loading label={tr('正在生成文书…', 'Making the document…')} /></Card> : null}
      {doc && !busy ? (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} xl={8}>
            <Card title={current ? pick(current) : doc.kind}>
              <Flex vertical gap={8}>
                <Button type="primary" icon={<DownloadOutlined />} href={doc.docx} download="" data-testid="download-docx">{tr('下载 Word（DOCX，可编辑）', 'Download Word (DOCX, editable)')}</Button>
                <Button icon={<DownloadOutlined />} href={doc.pdf} download="" data-testid="download-pdf">{tr('下载 PDF', 'Download PDF')}</Button>
                <Typography.Text type="secondary">{tr(`附 ${doc.evidence} 件证据`, `${doc.evidence} item(s) of evidence attached`)}</Typography.Text>
              </Flex>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{tr('需要您填写的空白', 'Blanks for you to fill')}</Typography.Title>
              <div data-testid="doc-blanks">
                {doc.blanks.length ? (
                  <>
                    <Alert type="warning" showIcon style={{ marginBottom: 8 }}
                      title={tr(`有 ${doc.blanks.length} 处空白。请在 Word 文件中填好，或补充“案件事实”后重新生成。`, `${doc.blanks.length} blank(s). Fill them in the Word file, or add case facts and make it again.`)} />
                    <List size="small" bordered dataSource={doc.blanks} renderItem={(b) => <List.Item data-testid="doc-blank">{half(b, lang)}</List.Item>} />
                    <div style={{ marginTop: 8 }}><a href={href('cases', caseId, 'facts')}>{tr('去补充案件事实 →', 'Add case facts →')}</a></div>
                  </>
                ) : <Typography.Text type="success">{tr('没有空白需要填写。', 'No blanks to fill.')}</Typography.Text>}
              </div>
            </Card>
          </Col>
          <Col xs={24} xl={16}>
            <Card title={tr('预览', 'Preview')}>
              <iframe data-testid="doc-preview" src={doc.pdf} title={tr('文书预览（PDF）', 'Preview of the document (PDF)')} className="doc-frame" />
            </Card>
          </Col>
        </Row>
      ) : null}
      {!doc && !busy && list.length ? (
        <Empty style={{ marginTop: 24 }} description={tr('选择文书种类，然后点“生成文书”。', 'Choose a kind of document, then press "Make the document".')} />
      ) : null}
    </>
  );
}
