/// Text pools for the simulated school: what students write and what staff answer.
enum SimulationTexts {
    static let studentQuestions = [
        "Здравствуйте! Не могу найти запись вчерашнего урока, где она?",
        "Подскажите, пожалуйста, до какого числа нужно сдать домашку?",
        "Не открывается ссылка на урок, пишет «доступ закрыт» 😢",
        "Можно ли заморозить абонемент на две недели? Уезжаю в командировку.",
        "Хочу вернуть деньги за абонемент, как это сделать?",
        "Списали деньги дважды за один месяц!!! Разберитесь, пожалуйста.",
        "Позовите куратора, пожалуйста, вопрос по оплате.",
        "Как перейти в другую группу? Мне неудобно время по вторникам.",
        "Когда выдают сертификат об окончании уровня?",
        "Не загружается файл с домашним заданием, что делать?",
        "Домашку проверили, но я не понял, что не так во втором задании.",
        "Можно оплатить через «Долями»?",
        "Нужна справка об обучении для работы, где её взять?",
        "Преподаватель не пришёл на урок, мы ждали 15 минут.",
        "А можно заниматься с телефона? Приложение не грузится.",
        "Спасибо за урок, было очень полезно! 🙌",
        "Я заболела, пропущу урок в четверг. Как потом догнать группу?",
        "Как подключить Telegram-бота для напоминаний?",
        "Where can I find the materials for lesson 5?",
        "Ёлки, забыла пароль от личного кабинета 🙈",
        "Хочу пожаловаться на качество связи на уроке, ничего не было слышно.",
        "Сколько стоит продление абонемента?",
        "Подскажите, есть ли скидка, если оплатить уровень целиком?",
        "Можно ли пересдать домашнее задание после дедлайна?",
    ]

    static let curatorReplies = [
        "Здравствуйте! Сейчас проверю и вернусь с ответом.",
        "Добрый день! Запись урока появляется в разделе «Тренинги» в течение 24 часов.",
        "Спасибо, что написали! Передала вопрос методисту, ответим сегодня.",
        "Здравствуйте! Да, это можно сделать, напишу вам подробности в течение часа.",
        "Добрый вечер! Всё в порядке, доступ восстановлен, попробуйте ещё раз.",
    ]

    static let reviewAccepted = [
        "Отлично! Все задания выполнены верно.",
        "Хорошая работа, есть мелкие опечатки — посмотрите комментарии.",
        "Принято. Обратите внимание на порядок слов в третьем задании.",
    ]

    static let reviewDeclined = [
        "Много ошибок в грамматике урока — повторите правило и пришлите ещё раз.",
        "Выполнены не все задания, доделайте, пожалуйста.",
        "Ответы не соответствуют заданию, перечитайте условие.",
    ]

    static let essaySentences = [
        "I usually get up at seven and have breakfast with my family.",
        "Last summer I went to the seaside with my friends and we had a great time.",
        "In my opinion, learning languages opens many doors.",
        "My favourite film is about a young girl who travels around the world.",
        "I think social media can be useful, but people spend too much time online.",
        "If I could live anywhere, I would choose a small town near the mountains.",
        "The chart shows that spending on housing rose sharply between 2000 and 2020.",
        "Some people believe that university education should be free for everyone.",
        "I have been working as a manager for five years and I enjoy it.",
        "One day I missed my train and had to wait for three hours at the station.",
        "It was the best trip of my life, and I will never forget it.",
        "I am writing to complain about the cancellation of my flight.",
    ]

    static let typoLetters = Array("abcdefghijklmnopqrstuvwxyz")
}
