from moodlog.cli import main

main()
