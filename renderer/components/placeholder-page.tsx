import { Body1, Title2 } from '@fluentui/react-components';

/** A page that says what will come, for features not built yet. */
export function PlaceholderPage(props: { title: string; children: string }) {
  return (
    <section aria-labelledby="page-title" style={{ padding: 24, display: 'grid', gap: 12, maxWidth: 760 }}>
      <Title2 as="h2" id="page-title">{props.title}</Title2>
      <Body1>{props.children}</Body1>
    </section>
  );
}
