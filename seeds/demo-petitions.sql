-- Demo data of the petition leg: the demo citizens are verified persons (an admin verification
-- today, an identity provider later), so they can endorse. Idempotent: safe to apply again.
UPDATE users SET identity_level = 'verified_person' WHERE role = 'citizen' AND identity_level = 'none';
