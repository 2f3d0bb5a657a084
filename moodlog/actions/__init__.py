"""What each command does: checks what was typed against the journal and reads or writes it in
one transaction. The CLI calls one of these per command."""
