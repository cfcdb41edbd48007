/** #/cases/ID — one case: its evidence, and the way to each of its screens. */
import type { HTMLAttributes } from 'react';
import { Button, Card, Col, Empty, Flex, Row, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, type ItemSummary } from '../api';
import { ErrorNotice, Loading, PageTitle, SealTag, StatusTag, useOpenCase, useShell } from '../components/common';
import { useLoad } from '../hooks';
import { beijingTime, CASE_SCREENS, useLang } from '../i18n';
import { href } from '../router';

export default function CasePage({ caseId }: { caseId: string }) {
  const { tr, pick } = useLang();
  useOpenCase(caseId);
  const { may } = useShell();
  const info = useLoad(() => api.case(caseId), [caseId]);
  const items = useLoad(() => api.items(caseId), [caseId]);
  const list = items.data?.items ?? [];

  const columns: TableColumnsType<ItemSummary> = [
    {
      title: tr('截图', 'Screenshot'), dataIndex: 'thumbnail', width: 120, responsive: ['md'],
      render: (t: string | null, r) => t
        ? <a href={href('items', r.id)} aria-label={tr('打开这件证据', 'Open this evidence')}><img src={t} alt={r.url ? tr('网页第一屏截图', 'First screen of the page') : (r.name ?? r.kind)} style={{ width: 96, maxHeight: 72, objectFit: 'cover', objectPosition: 'top', border: '1px solid #f0f0f0' }} /></a>
        : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: tr('网址', 'Address'), dataIndex: 'url',
      render: (u: string | null, r) => <Typography.Link href={href('items', r.id)} className="break">{u ?? (r.name ? `${r.name}（${r.kind}）` : r.kind)}</Typography.Link>,
    },
    { title: tr('取证结果', 'Result'), dataIndex: 'status', width: 110, render: (s) => <StatusTag status={s} /> },
    { title: tr('封存', 'Seal'), dataIndex: 'seal', width: 130, render: (s) => <SealTag seal={s} /> },
    { title: tr('取证时间（北京时间）', 'Captured (Beijing time)'), dataIndex: 'startedAt', width: 180, responsive: ['lg'], render: (t: string) => beijingTime(t) },
  ];

  return (
    <>
      <PageTitle sub={info.data ? `${tr('创建于', 'Created')} ${beijingTime(info.data.createdAt)}` : undefined}>
        {info.data?.title ?? tr('案件', 'Case')}
      </PageTitle>
      <ErrorNotice error={info.error} onRetry={info.reload} what={tr('无法读取这个案件', 'Cannot read this case')} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {CASE_SCREENS.filter((s) => s.key && may(s.need)).map((s) => (
          <Col key={s.key} xs={12} sm={8} lg={3}>
            <Button block href={href('cases', caseId, s.key)} type={s.key === 'capture' ? 'primary' : 'default'} data-testid={`go-${s.key}`}>{pick(s)}</Button>
          </Col>
        ))}
      </Row>
      <Card title={tr('这个案件的证据', 'Evidence in this case')}>
        {items.loading && !items.data ? <Loading /> : null}
        <ErrorNotice error={items.error} onRetry={items.reload} what={tr('无法读取证据列表', 'Cannot read the evidence')} />
        {items.data && list.length === 0 ? (
          may('work') ? (
            <Empty description={tr('还没有证据。把帖子的链接交给固证，它会马上录下来。', 'No evidence yet. Give guzheng the link and it records the page at once.')}>
              <Button type="primary" href={href('cases', caseId, 'capture')}>{tr('开始取证', 'Capture now')}</Button>
            </Empty>
          ) : <Empty description={tr('这个案件还没有证据。', 'No evidence in this case yet.')} />
        ) : null}
        {list.length ? (
          <Table<ItemSummary> rowKey="id" columns={columns} dataSource={list} pagination={list.length > 50 ? { pageSize: 50 } : false}
            size="middle" scroll={{ x: 'max-content' }}
            onRow={(r) => ({ 'data-testid': 'item-row', 'data-item': r.id } as HTMLAttributes<HTMLElement>)} />
        ) : null}
        {list.length ? (
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Button onClick={items.reload}>{tr('刷新', 'Refresh')}</Button>
          </Flex>
        ) : null}
      </Card>
    </>
  );
}
