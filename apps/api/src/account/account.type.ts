import { Field, ObjectType } from 'type-graphql';
import { User } from '../users/user.type.js';

@ObjectType({ description: 'A session: the token to send as `Authorization: Bearer <token>`, and who it belongs to.' })
export class AuthPayload {
  @Field(() => String, { description: 'Session token. Browser apps also receive it as an httpOnly cookie.' })
  token!: string;

  @Field(() => User, { description: 'The signed-in person.' })
  user!: User;

  @Field(() => Date, { description: 'When the token stops working.' })
  expiresAt!: Date;
}
