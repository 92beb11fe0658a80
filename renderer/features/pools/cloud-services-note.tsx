import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({ note: { margin: `${tokens.spacingVerticalS} 0` } });

/** Where old docs send people to "Cloud Services configuration": say plainly that it is gone and what replaced it. */
export function CloudServicesRetiredNote() {
  const styles = useStyles();
  return (
    <MessageBar intent="info" data-testid="cloud-services-retired" className={styles.note}>
      <MessageBarBody>
        <MessageBarTitle>Looking for Cloud Services configuration?</MessageBarTitle>
        Azure retired Cloud Services (<code>cloudServiceConfiguration</code>) pools on 29 February 2024, and the service now
        refuses them. Every pool uses Virtual Machine Configuration: a marketplace image with the node agent SKU listed for it.
      </MessageBarBody>
    </MessageBar>
  );
}
