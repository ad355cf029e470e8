// Log search alerts over Application Insights, routed to one action group. Each query uses only names from
// TelemetryNames (a test checks), except the Function failures rule, which reads the host's own requests table.

@description('Azure region of the alert rules.')
param location string

@description('Tags for the resources.')
param tags object

@description('Action group name.')
param actionGroupName string

@description('Prefix for the alert rule names.')
param namePrefix string

@description('Email addresses the action group notifies; empty = alerts only show in the portal.')
param alertEmailAddresses array

@description('Application Insights component the queries run against.')
param applicationInsightsId string

@description('Failed Function invocations per function in 15 minutes above which the failures alert fires.')
@minValue(0)
param functionFailureThreshold int

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'serverless'
    enabled: true
    emailReceivers: [
      for (address, i) in alertEmailAddresses: {
        name: 'email-${i}'
        emailAddress: address
        useCommonAlertSchema: true
      }
    ]
  }
}

var rules = [
  {
    name: 'failed-journeys'
    displayName: 'Journeys failed'
    description: 'A journey ended in failure. Split by service; see the workbook for the step and reason.'
    severity: 2
    query: '''
customEvents
| where name == 'JourneyFailed'
| summarize Failures = count() by ServiceId = tostring(customDimensions.ServiceId)
'''
    measure: 'Failures'
    dimension: 'ServiceId'
    threshold: 0
  }
  {
    name: 'journeys-need-attention'
    displayName: 'Journeys parked for ops'
    description: 'A journey step failed after its retry window; the case is needs_attention until an operator retries or withdraws it.'
    severity: 2
    query: '''
customEvents
| where name == 'JourneyNeedsAttention'
| summarize Parked = count() by Step = tostring(customDimensions.Step)
'''
    measure: 'Parked'
    dimension: 'Step'
    threshold: 0
  }
  {
    name: 'notifications-failed'
    displayName: 'Citizen notifications not sent'
    description: 'Notify stayed unavailable past a notification\'s retry window; the journey went on and the citizen was not told.'
    severity: 3
    query: '''
customEvents
| where name == 'NotificationFailed'
| summarize Failures = count() by ServiceId = tostring(customDimensions.ServiceId)
'''
    measure: 'Failures'
    dimension: 'ServiceId'
    threshold: 0
  }
  {
    name: 'cases-past-max-age'
    displayName: 'Cases unfinished past the maximum age'
    description: 'A case ran past Retention__MaxCaseAge without finishing: its personal data was redacted, and ops must close it with the department and the citizen.'
    severity: 2
    query: '''
customEvents
| where name == 'CaseExceededMaxAge'
| summarize Cases = count() by ServiceId = tostring(customDimensions.ServiceId)
'''
    measure: 'Cases'
    dimension: 'ServiceId'
    threshold: 0
  }
  {
    name: 'poison-messages'
    displayName: 'Message in a poison queue'
    description: 'A poison queue holds a message (depth measured by the app on a timer), or a message was moved to one.'
    severity: 2
    query: '''
let depth = customMetrics
| where name == 'PoisonQueueDepth'
| summarize Messages = max(valueMax) by Queue = tostring(customDimensions.Queue);
let moved = customEvents
| where name == 'PoisonMessage'
| summarize Messages = todouble(count()) by Queue = tostring(customDimensions.Queue);
union depth, moved
| summarize Messages = max(Messages) by Queue
'''
    measure: 'Messages'
    dimension: 'Queue'
    threshold: 0
  }
  {
    name: 'sla-breaches'
    displayName: 'Department decision SLA breached'
    description: 'A department did not decide a case within the service\'s decision SLA.'
    severity: 3
    query: '''
customEvents
| where name == 'SlaBreached'
| summarize Breaches = count() by ServiceId = tostring(customDimensions.ServiceId)
'''
    measure: 'Breaches'
    dimension: 'ServiceId'
    threshold: 0
  }
  {
    name: 'function-failures'
    displayName: 'Function invocations failing'
    description: 'Function invocations (HTTP, queue, timer, orchestration and activity triggers) are failing.'
    severity: 2
    query: '''
requests
| where success == false
| summarize Failures = count() by FunctionName = operation_Name
'''
    measure: 'Failures'
    dimension: 'FunctionName'
    threshold: functionFailureThreshold
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [
  for rule in rules: {
    name: '${namePrefix}${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        applicationInsightsId
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Total'
            metricMeasureColumn: rule.measure
            dimensions: [
              {
                name: rule.dimension
                operator: 'Include'
                values: [
                  '*'
                ]
              }
            ]
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

output actionGroupId string = actionGroup.id
