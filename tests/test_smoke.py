from tests.conftest import Run


def test_add_then_list_shows_the_entry(moodlog: Run) -> None:
    saved = moodlog("add", "--mood", "6", "--anxiety", "3")
    assert saved.exit_code == 0, saved.output
    listed = moodlog("list")
    assert listed.exit_code == 0, listed.output
    assert "1 of 14 days logged" in listed.output
