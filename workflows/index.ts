export { annualCycleWorkflow } from './annualCycleWorkflow';
export { checkpointRoundWorkflow } from './checkpointRoundWorkflow';
export { approvalRoundWorkflow } from './approvalRoundWorkflow';
export { explanationWorkflow } from './explanationWorkflow';
export { feedbackWorkflow } from './feedbackWorkflow';
