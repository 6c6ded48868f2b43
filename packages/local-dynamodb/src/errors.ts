/**
 * DynamoDB errors as they travel on the wire (JSON 1.0 protocol): HTTP status,
 * `__type` naming the shape, and a message. The AWS SDK v3 takes the part of
 * `__type` after `#` as the error name and reads `message` or `Message`.
 */

const SERVICE = 'com.amazonaws.dynamodb.v20120810#';
const VALIDATE = 'com.amazon.coral.validate#';

export type WireBody = Record<string, unknown>;

export class DynamoError extends Error {
  constructor(
    /** Short name, e.g. `ValidationException`; what the SDK surfaces as `err.name`. */
    readonly code: string,
    message: string,
    readonly statusCode = 400,
    /** Extra members of the error shape, e.g. `CancellationReasons`. */
    readonly extra: WireBody = {},
    /** The exact `__type` to send; defaults from `code`. */
    readonly wireType?: string,
  ) {
    super(message);
    this.name = code;
  }

  toBody(): WireBody {
    const type = this.wireType ?? (this.code === 'ValidationException' ? VALIDATE : SERVICE) + this.code;
    // TransactionCanceledException and IdempotentParameterMismatchException model
    // their text as `Message`; every other DynamoDB error uses `message`.
    const messageKey = 'Message' in this.extra || CAPITAL_MESSAGE.has(this.code) ? 'Message' : 'message';
    return { __type: type, [messageKey]: this.message, ...this.extra };
  }

  /** Builds an error from a response body (ours or dynalite's). */
  static fromBody(statusCode: number, body: WireBody): DynamoError {
    const wireType = typeof body.__type === 'string' ? body.__type : `${SERVICE}InternalServerError`;
    const code = wireType.slice(wireType.indexOf('#') + 1);
    const message = String(body.message ?? body.Message ?? '');
    const { __type: _type, message: _m, Message: _M, ...extra } = body;
    return new DynamoError(code, message, statusCode, extra, wireType);
  }
}

const CAPITAL_MESSAGE = new Set(['TransactionCanceledException', 'IdempotentParameterMismatchException']);

export const validation = (message: string): DynamoError => new DynamoError('ValidationException', message);

export const resourceNotFound = (): DynamoError =>
  new DynamoError('ResourceNotFoundException', 'Requested resource not found');

export const internalError = (message: string): DynamoError => new DynamoError('InternalServerError', message, 500);

export interface CancellationReason {
  Code: string;
  Message?: string;
}

/** DynamoDB's answer when any item of a transaction fails: one reason per item, in order. */
export const transactionCanceled = (reasons: readonly CancellationReason[]): DynamoError =>
  new DynamoError(
    'TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons
      .map((r) => r.Code)
      .join(', ')}]`,
    400,
    { CancellationReasons: reasons },
  );

export const CONDITION_FAILED_MESSAGE = 'The conditional request failed';

/**
 * dynalite answers a bad item in a single-item write with a ValidationException.
 * Inside a transaction DynamoDB splits these: problems that depend on the stored
 * item or on the table's key schema (a wrong key type, an update on a missing
 * path, a number added to a string) cancel the transaction with a
 * `ValidationError` reason on that item; problems with the request itself (a
 * malformed or unused expression, an empty key string) fail the whole request.
 */
const ITEM_LEVEL_VALIDATION = [
  /^The provided key element does not match the schema/,
  /^One or more parameter values were invalid: (Type mismatch for (key|Index Key)|Missing the key)/,
  /^Type mismatch for attribute to update/,
  /^The document path provided in the update expression is invalid for update/,
  /^An operand in the update expression has an incorrect data type/,
  /^The provided expression refers to an attribute that does not exist in the item/,
  /^Item size to update has exceeded the maximum allowed size/,
  /^The update expression attempted to update the secondary index key/,
  /^This operation cannot be performed with given input values/,
];

export const isItemLevelValidation = (err: DynamoError): boolean =>
  err.code === 'ValidationException' && ITEM_LEVEL_VALIDATION.some((re) => re.test(err.message));
