-- What a customer declared at onboarding or review: monthly income for a person, expected
-- monthly turnover for an entity, in CNY fen. Monitoring reads it for the rules that compare
-- inflows with the declared figure (cn.profile_income_mismatch, cn.large_early_funding).
-- NULL: nothing declared, and those comparisons do not decide.
ALTER TABLE customer_risk_attributes
  ADD COLUMN declared_monthly_cny_minor bigint
    CHECK (declared_monthly_cny_minor BETWEEN 0 AND 100000000000000);
