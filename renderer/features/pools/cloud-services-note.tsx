import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

/** Where old docs send people to "Cloud Services configuration": say plainly that it is gone and what replaced it. */
export function CloudServicesRetiredNote() {
  return (
    <MessageBar intent="info" data-testid="cloud-services-retired" style={{ margin: '8px 0' }}>
      <MessageBarBody>
        <MessageBarTitle>Looking for Cloud Services configuration?</MessageBarTitle>
        Azure retired Cloud Services (<code>cloudServiceConfiguration</code>) pools on 29 February 2024, and the service now
        refuses them. Every pool uses Virtual Machine Configuration: a marketplace image with the node agent SKU listed for it.
      </MessageBarBody>
    </MessageBar>
  );
}
