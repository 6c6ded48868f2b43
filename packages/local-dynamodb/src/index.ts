export { type LocalDynamoDB, type LocalDynamoDBOptions, startLocalDynamoDB } from './server.js';
export { MAX_TRANSACTION_ITEMS } from './transactions.js';
