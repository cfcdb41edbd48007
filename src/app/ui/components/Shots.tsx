/**
 * The screenshots of an item as plain <img> (the captured page never runs here), each opening a zoomable preview.
 * The framed first screen (address and Beijing time in a band above the page) comes first: it is what a court reads.
 */
import { useState } from 'react';
import { Card, Col, Empty, Image, Row, Typography } from 'antd';
import { fileUrl, type ItemFile } from '../api';
import { useLang } from '../i18n';

const ORDER: { role: string; zh: string; en: string; testid?: string }[] = [
  { role: 'screenshot.viewport.framed', zh: '第一屏（带网址和时间栏）', en: 'First screen (with the address and time band)', testid: 'framed-shot' },
  { role: 'screenshot.viewport', zh: '第一屏原图', en: 'First screen, as captured' },
  { role: 'screenshot.full.framed', zh: '整页（带网址和时间栏）', en: 'Whole page (with the band)' },
  { role: 'screenshot.full', zh: '整页原图', en: 'Whole page, as captured' },
];

export function Shots({ itemId, files }: { itemId: string; files: ItemFile[] }) {
  const { tr, pick } = useLang();
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState(0);
  const shots = ORDER.flatMap((o) => {
    const f = files.find((x) => x.role === o.role);
    return f ? [{ ...o, url: fileUrl(itemId, f.path), path: f.path }] : [];
  });
  if (!shots.length) {
    return <Card title={tr('截图', 'Screenshots')}><Empty description={tr('这件证据没有截图。', 'This evidence has no screenshot.')} /></Card>;
  }
  const show = (i: number) => {
    setCurrent(i);
    setOpen(true);
  };
  const [first, ...rest] = shots;
  return (
    <Card title={tr('截图（点击放大）', 'Screenshots (click to zoom)')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={rest.length ? 14 : 24}>
          <Shot shot={first!} label={pick(first!)} onOpen={() => show(0)} tall={false} />
        </Col>
        {rest.length ? (
          <Col xs={24} lg={10}>
            <Row gutter={[12, 12]}>
              {rest.map((s, i) => (
                <Col key={s.role} xs={12} lg={12}>
                  <Shot shot={s} label={pick(s)} onOpen={() => show(i + 1)} tall />
                </Col>
              ))}
            </Row>
          </Col>
        ) : null}
      </Row>
      <Image.PreviewGroup items={shots.map((s) => ({ src: s.url, alt: pick(s) }))}
        preview={{ open, current, onOpenChange: (o) => setOpen(o), onChange: (c) => setCurrent(c) }} />
    </Card>
  );
}

function Shot({ shot, label, onOpen, tall }: { shot: { url: string; testid?: string; path: string }; label: string; onOpen: () => void; tall: boolean }) {
  const { tr } = useLang();
  return (
    <figure style={{ margin: 0 }}>
      <button type="button" onClick={onOpen} aria-label={`${tr('放大查看', 'Zoom')}: ${label}`}
        style={{ display: 'block', width: '100%', padding: 0, border: '1px solid #e5e7eb', borderRadius: 6, background: '#fafafa', cursor: 'zoom-in', overflow: 'hidden', maxHeight: tall ? 260 : 560 }}>
        <img data-testid={shot.testid} src={shot.url} alt={label} loading={tall ? "lazy" : "eager"}
          style={{ display: 'block', width: '100%', height: 'auto', objectFit: 'cover', objectPosition: 'top' }} />
      </button>
      <figcaption>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label}</Typography.Text>{' '}
        <Typography.Link href={shot.url} target="_blank" rel="noopener" style={{ fontSize: 12 }}>{tr('原图', 'Original')}</Typography.Link>
      </figcaption>
    </figure>
  );
}
