"""Data from outside into the data folder, never by retyping: the editors' workbook,
data·inclusion, France services, the State's directory, the official territories. All
write through `data_folder` (lock, confinement, all-or-nothing)."""
