/**
 * #/cases/ID/import — drop screenshots, photos, screen recordings, e-mails and chat exports: each is kept unchanged,
 * hashed, its metadata read and checked, sealed. Where it came from (the phone, the app, who exported it) is asked in
 * plain words, because a court will ask to see the original device.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Collapse, Flex, Form, Input, List, Row, Select, Space, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api, type ApiError, type Carrier, type ImportOutcome } from '../api';
import { ErrorNotice, Needs, PageTitle, SealTag, useOpenCase } from '../components/common';
import { asApiError } from '../hooks';
import { useLang } from '../i18n';
import { href } from '../router';

interface Row { key: string; name: string; state: 'uploading' | 'done' | 'failed'; outcome?: ImportOutcome; error?: ApiError }

const FIELDS: { key: keyof Carrier; zh: string; en: string; example: string }[] = [
  { key: 'device', zh: '手机或电脑（品牌型号）', en: 'Phone or computer (make and model)', example: '华为 Mate 60 / Huawei Mate 60' },
  { key: 'os', zh: '系统及版本', en: 'System and version', example: 'HarmonyOS 4.0 / Android 14 / iOS 17.4' },
  { key: 'app', zh: '应用', en: 'App', example: '微信 / WeChat' },
  { key: 'appVersion', zh: '应用版本', en: 'App version', example: '8.0.47' },
  { key: 'account', zh: '手机上登录的账号', en: 'Account logged in on it', example: 'wxid_… / 138…' },
  { key: 'exportedBy', zh: '是谁导出或截图的', en: 'Who exported or took it', example: '本人 / myself' },
  { key: 'exportedAt', zh: '什么时候导出的', en: 'When it was exported', example: '2026-12-01 20:00' },
  { key: 'originalKeptAt', zh: '原始手机或文件现在在哪里', en: 'Where the original phone or file is now', example: '本人手机，未删除 / my phone, not deleted' },
];

const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Tokyo', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'UTC'];

export default function ImportPage({ caseId }: { caseId: string }) {
  return (
    <Needs need="work" caseId={caseId} title={{ zh: '导入文件', en: 'Import files' }} doing={{ zh: '不能导入文件', en: 'you cannot import files' }}>
      <ImportForm caseId={caseId} />
    </Needs>
  );
}

function ImportForm({ caseId }: { caseId: string }) {
  const { tr, pick } = useLang();
  useOpenCase(caseId);
  const [rows, setRows] = useState<Row[]>([]);
  const [carrier, setCarrier] = useState<Carrier>({});
  const [tz, setTz] = useState('Asia/Shanghai');
  const update = (key: string, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const upload = async (file: File) => {
    const key = `${file.name}-${file.size}-${file.lastModified}-${Math.random()}`;
    setRows((rs) => [{ key, name: file.name, state: 'uploading' }, ...rs]);
    try {
      const clean = Object.fromEntries(Object.entries(carrier).filter(([, v]) => typeof v === 'string' && v.trim())) as Carrier;
      const outcome = await api.importFile(caseId, file, { tz, carrier: clean });
      update(key, { state: 'done', outcome });
    } catch (e) {
      update(key, { state: 'failed', error: asApiError(e) });
    }
  };

  const statusTag = (o: ImportOutcome) => o.status === 'duplicate'
    ? <Tag color="default">{tr('已在证据库中，未重复保存', 'Already in the vault: not stored twice')}</Tag>
    : <Tag color={o.status === 'COMPLETE' ? 'success' : 'warning'}>{o.status === 'COMPLETE' ? tr('已导入', 'Imported') : tr('部分导入', 'Partly imported')}</Tag>;

  return (
    <>
      <PageTitle sub={tr('原始文件原样保存，计算哈希，读取元数据并核对，签名并加盖时间戳。', 'The original is kept unchanged, hashed, its metadata read and checked, signed and timestamped.')}>
        {tr('导入截图、录屏、邮件和聊天记录', 'Import screenshots, recordings, e-mails and chats')}
      </PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            <Upload.Dragger multiple showUploadList={false} data-testid="import-drop"
              customRequest={({ file }) => { void upload(file as File); }}
              beforeUpload={() => true}>
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{tr('把文件拖到这里，或点击选择', 'Drop files here, or click to choose')}</p>
              <p className="ant-upload-hint">{tr('截图和照片（PNG、JPEG、HEIC）、录屏和视频（MP4、MOV）、邮件（.eml、.mbox、Outlook .msg）、聊天记录导出（WeChatMsg/留痕 CSV、HTML、TXT，QQ TXT，Telegram result.json，WhatsApp TXT；连同图片的导出请打包成 ZIP 拖进来）',
                'Screenshots and photos (PNG, JPEG, HEIC), recordings and videos (MP4, MOV), e-mails (.eml, .mbox, Outlook .msg), chat exports (WeChatMsg/MemoTrace CSV, HTML, TXT; QQ TXT; Telegram result.json; WhatsApp TXT; an export with its pictures as one ZIP)')}</p>
            </Upload.Dragger>
            <Alert style={{ marginTop: 12 }} type="info" showIcon
              message={tr('请保留原始手机或电脑，不要删除原聊天记录。法院通常会要求在原设备上核对。', 'Keep the original phone or computer and do not delete the original chat. Courts usually ask to check it on the original device.')} />
          </Card>
          <List style={{ marginTop: 16 }} dataSource={rows} locale={{ emptyText: tr('还没有导入文件', 'No file imported yet') }}
            renderItem={(r) => (
              <List.Item data-testid="import-row" data-state={r.state} data-status={r.outcome?.status ?? r.error?.code ?? ''}>
                <Space direction="vertical" style={{ width: '100%' }} size={4}>
                  <Flex gap={8} wrap align="center">
                    <Typography.Text strong className="break">{r.name}</Typography.Text>
                    {r.state === 'uploading' ? <Tag color="processing">{tr('正在导入…', 'Importing…')}</Tag> : null}
                    {r.outcome ? statusTag(r.outcome) : null}
                    {r.outcome?.kind ? <Tag>{r.outcome.kind} · {r.outcome.format}</Tag> : null}
                    {r.outcome?.seal ? <SealTag seal={r.outcome.seal} /> : null}
                    {r.outcome?.item ? <Typography.Link href={href('items', r.outcome.item)} data-testid="import-open">{tr('打开', 'Open')}</Typography.Link> : null}
                  </Flex>
                  {r.error ? <ErrorNotice error={r.error} what={tr('没有导入', 'Not imported')} /> : null}
                  {(r.outcome?.checks ?? []).filter((c) => c.result === 'flag').map((c) => (
                    <Typography.Text key={c.id} type="warning">⚑ {pick(c)}</Typography.Text>
                  ))}
                  {(r.outcome?.reasons ?? []).map((x) => <Typography.Text key={x.code} type="warning">{pick(x)}</Typography.Text>)}
                </Space>
              </List.Item>
            )} />
        </Col>
        <Col xs={24} lg={10}>
          <Card title={tr('这些文件从哪里来', 'Where these files came from')} size="small">
            <Typography.Paragraph type="secondary">
              {tr('填写的内容会作为导入人的陈述记入保管记录，并写进证书；它适用于接下来导入的每个文件。可以不填。',
                'What you fill in is recorded as your statement in the custody log and the certificate, for each file you import next. You may leave it empty.')}
            </Typography.Paragraph>
            <Form layout="vertical" size="middle">
              {FIELDS.slice(0, 4).map((f) => (
                <Form.Item key={f.key} label={pick(f)}>
                  <Input value={carrier[f.key] ?? ''} placeholder={f.example} onChange={(e) => setCarrier((c) => ({ ...c, [f.key]: e.target.value }))} data-testid={`carrier-${f.key}`} />
                </Form.Item>
              ))}
              <Collapse ghost items={[{ key: 'more', label: tr('更多（账号、导出人、原件在哪里、时区）', 'More (account, who exported it, where the original is, time zone)'), children: (
                <>
                  {FIELDS.slice(4).map((f) => (
                    <Form.Item key={f.key} label={pick(f)}>
                      <Input value={carrier[f.key] ?? ''} placeholder={f.example} onChange={(e) => setCarrier((c) => ({ ...c, [f.key]: e.target.value }))} data-testid={`carrier-${f.key}`} />
                    </Form.Item>
                  ))}
                  <Form.Item label={tr('文件里没写时区的时间按哪个时区理解', 'Zone for times the files state without one')}>
                    <Select value={tz} onChange={setTz} options={ZONES.map((z) => ({ value: z, label: z }))} />
                  </Form.Item>
                </>
              ) }]} />
            </Form>
            <Button block onClick={() => setCarrier({})}>{tr('清空', 'Clear')}</Button>
          </Card>
        </Col>
      </Row>
    </>
  );
}
