${member.firstName} عزیز، از خرید شما سپاسگزاریم. نظرتان را در چند ثانیه به ما بگویید: ${data.surveyLink}
