-- Members of a unit's MKS group (miljø- og kvalitetssikringsgruppe, the
-- employees' representatives) read and comment on the unit's cases and
-- tiltaksplan.
ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check
    CHECK (role IN ('hms_admin', 'hovedverneombud', 'verneombud', 'leder', 'amu_reader', 'medarbeider', 'mks'));
