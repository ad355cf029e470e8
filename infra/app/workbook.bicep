// The ops workbook in the portal, over Application Insights: journeys per service, step durations, cases waiting on
// departments, SLA breaches and poison-queue depth. Its queries (workbook.json) use only names from TelemetryNames.

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Display name in the portal.')
param displayName string

@description('Application Insights component the queries run against.')
param applicationInsightsId string

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // Workbook names must be GUIDs; stable per resource group and display name.
  name: guid(resourceGroup().id, 'serverless-journeys-workbook', displayName)
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: applicationInsightsId
    serializedData: loadTextContent('workbook.json')
  }
}

output id string = workbook.id
