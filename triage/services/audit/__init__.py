"""The audit log as admins read it: a filtered page (entries) and the export in batches."""
