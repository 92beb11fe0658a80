import { Body1, mergeClasses, Title2 } from '@fluentui/react-components';
import { useLayoutStyles } from '../theme/layout-styles';

/** A page that says what will come, for features not built yet. */
export function PlaceholderPage(props: { title: string; children: string }) {
  const layout = useLayoutStyles();
  return (
    <section aria-labelledby="page-title" className={mergeClasses(layout.page, layout.readable)}>
      <Title2 as="h2" id="page-title">{props.title}</Title2>
      <Body1>{props.children}</Body1>
    </section>
  );
}
