export { configVariables, type ConfigVariable } from './config-variables.ts'
export { configSection, ownVariables, undescribedVariables } from './config-section.ts'
export { declaredConsumers } from './declared-consumers.ts'
export { replaceGeneratedSection, sectionMarkers } from './generated-section.ts'
export {
  generateCommand,
  operationsDocPath,
  readOperationsDoc,
  renderOperationsDoc,
} from './operations-doc.ts'
export {
  documentedServices,
  topicOwners,
  type DocumentedService,
  type ServiceShape,
} from './service-catalogue.ts'
export { topicsSection } from './topics-section.ts'
export { descriptionOf, variableDescriptions } from './variable-descriptions.ts'
